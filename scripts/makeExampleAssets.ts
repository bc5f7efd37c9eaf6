/**
 * Draws the small images the example graphs use (graphs/assets/), so they are
 * reproducible rather than opaque binaries: `node bin/run-ts.js scripts/makeExampleAssets.ts`.
 */
import sharp from 'sharp';

const out = new URL('../graphs/assets/', import.meta.url).pathname;

/** The Weft mark: woven warp and weft threads on a transparent square. */
async function mark(size: number): Promise<void> {
  const rgba = new Uint8Array(size * size * 4);
  const band = size / 6;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const column = Math.floor(x / band);
      const row = Math.floor(y / band);
      const inWarp = x % band > band * 0.15 && x % band < band * 0.85 && column % 2 === 1;
      const inWeft = y % band > band * 0.15 && y % band < band * 0.85 && row % 2 === 1;
      const warpOnTop = (column + row) % 4 < 2;
      const pixel = (y * size + x) * 4;
      if (inWarp && (!inWeft || warpOnTop)) rgba.set([244, 241, 222, 255], pixel);
      else if (inWeft) rgba.set([232, 170, 66, 255], pixel);
    }
  }
  await sharp(rgba, { raw: { width: size, height: size, channels: 4 } })
    .png()
    .toFile(`${out}weft-mark.png`);
}

/** A soft "landscape": sky gradient, sun, two hills. Deterministic. */
async function landscape(width: number, height: number): Promise<void> {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = y / height;
      let color = [90 + 120 * t, 150 + 70 * t, 230 - 40 * t];
      const sun = Math.hypot(x - width * 0.72, y - height * 0.3);
      if (sun < height * 0.12) color = [255, 214, 120];
      const hill1 = height * (0.62 + 0.08 * Math.sin(x / 70));
      const hill2 = height * (0.75 + 0.05 * Math.cos(x / 45 + 1));
      if (y > hill1) color = [70, 140 - 30 * ((y - hill1) / height), 80];
      if (y > hill2) color = [40, 95, 55];
      rgb.set(
        color.map((c) => Math.max(0, Math.min(255, Math.round(c)))),
        (y * width + x) * 3,
      );
    }
  }
  await sharp(rgb, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 88 })
    .toFile(`${out}landscape.jpg`);
}

/**
 * 64×64 drawings for the image-generation examples, the toy pipeline's size:
 * a blue square on white (img2img's input; a little bluer and on a whiter
 * ground than the toy dataset's) and an orange disc (only its outline matters
 * to the Canny ControlNet example, and orange is no colour the toy knows).
 */
async function shape64(
  name: string,
  color: readonly [number, number, number],
  inside: (x: number, y: number) => boolean,
): Promise<void> {
  const size = 64;
  const rgb = new Uint8Array(size * size * 3).fill(255);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) if (inside(x + 0.5, y + 0.5)) rgb.set(color, (y * size + x) * 3);
  await sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toFile(`${out}${name}`);
}

await mark(256);
await landscape(480, 320);
await shape64('blue-square.png', [30, 70, 220], (x, y) => x >= 14 && x <= 50 && y >= 14 && y <= 50);
await shape64(
  'orange-disc.png',
  [240, 140, 30],
  (x, y) => (x - 32) ** 2 + (y - 32) ** 2 <= 21 ** 2,
);
console.log(`wrote the example assets to ${out}`);
