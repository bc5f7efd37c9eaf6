// Deterministic test images for the watermark tests and bench: flat
// gradients with shapes (the hard case: little texture to hide in), and
// photo-like ones built from fractal value noise (sky, terrain, foliage-like
// texture). Same seed, same pixels, everywhere.

import type { RgbImage } from './image.ts';
import { createKeyedRandom, type KeyedRandom } from './keyedRandom.ts';
import { bilinearResample } from './resample.ts';

export type SyntheticKind = 'shapes' | 'clouds' | 'terrain' | 'foliage';
export const SYNTHETIC_KINDS: readonly SyntheticKind[] = ['shapes', 'clouds', 'terrain', 'foliage'];

function uniformPlane(random: KeyedRandom, width: number, height: number): Float32Array {
  const plane = new Float32Array(width * height);
  for (let index = 0; index < plane.length; index++)
    plane[index] = random.uint32() / 4294967296 - 0.5;
  return plane;
}

/** Sum of octaves of smoothly upsampled noise; `roughness` is the amplitude ratio per octave. */
function fractalNoise(
  random: KeyedRandom,
  width: number,
  height: number,
  base: number,
  roughness: number,
): Float32Array {
  const output = new Float32Array(width * height);
  let amplitude = 1;
  for (let cells = base; cells <= Math.max(width, height); cells *= 2) {
    const gridWidth = Math.max(2, Math.round((cells * width) / Math.max(width, height)));
    const gridHeight = Math.max(2, Math.round((cells * height) / Math.max(width, height)));
    const layer = bilinearResample(
      uniformPlane(random, gridWidth, gridHeight),
      gridWidth,
      gridHeight,
      width,
      height,
    );
    for (let index = 0; index < output.length; index++)
      output[index] = (output[index] ?? 0) + amplitude * (layer[index] ?? 0);
    amplitude *= roughness;
  }
  return output;
}

function toImage(
  width: number,
  height: number,
  pixel: (x: number, y: number, index: number) => [number, number, number],
): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      const [red, green, blue] = pixel(x, y, index);
      data[index * 3] = Math.max(0, Math.min(255, Math.round(red)));
      data[index * 3 + 1] = Math.max(0, Math.min(255, Math.round(green)));
      data[index * 3 + 2] = Math.max(0, Math.min(255, Math.round(blue)));
    }
  }
  return { width, height, data };
}

function shapes(random: KeyedRandom, width: number, height: number): RgbImage {
  const discs = Array.from({ length: 6 }, () => ({
    x: random.below(width),
    y: random.below(height),
    radius: 10 + random.below(Math.max(11, Math.floor(width / 4))),
    colour: [random.below(256), random.below(256), random.below(256)] as [number, number, number],
  }));
  const top = [random.below(256), random.below(256), random.below(256)];
  const bottom = [random.below(256), random.below(256), random.below(256)];
  return toImage(width, height, (x, y) => {
    const t = y / (height - 1);
    let colour: [number, number, number] = [0, 1, 2].map(
      (c) => (top[c] ?? 0) * (1 - t) + (bottom[c] ?? 0) * t,
    ) as [number, number, number];
    for (const disc of discs) {
      if ((x - disc.x) ** 2 + (y - disc.y) ** 2 < disc.radius ** 2) colour = disc.colour;
    }
    return colour;
  });
}

/** One synthetic image of `kind`; `seed` picks its variant. */
export function syntheticImage(
  kind: SyntheticKind,
  seed: number,
  width: number,
  height: number,
): RgbImage {
  const random = createKeyedRandom(seed * 7919 + SYNTHETIC_KINDS.indexOf(kind) + 1);
  if (kind === 'shapes') return shapes(random, width, height);
  if (kind === 'clouds') {
    const noise = fractalNoise(random, width, height, 3, 0.55);
    return toImage(width, height, (x, y, index) => {
      const cloud = Math.max(0, Math.min(1, (noise[index] ?? 0) * 1.6 + 0.45));
      const sky = 1 - y / height;
      return [
        90 + 60 * sky + 140 * cloud,
        130 + 50 * sky + 110 * cloud,
        200 + 40 * sky + 40 * cloud,
      ];
    });
  }
  if (kind === 'terrain') {
    const height1 = fractalNoise(random, width, height, 4, 0.6);
    const grain = fractalNoise(random, width, height, 64, 0.8);
    return toImage(width, height, (x, y, index) => {
      const ridge = 0.45 + 0.25 * (height1[Math.floor(height / 2) * width + x] ?? 0);
      const textured = (grain[index] ?? 0) * 60;
      if (y / height < ridge) return [150 - 50 * (y / height), 180 - 40 * (y / height), 230];
      const shade = 0.6 + (height1[index] ?? 0);
      return [110 * shade + textured, 95 * shade + textured * 0.8, 60 * shade + textured * 0.5];
    });
  }
  const leaves = fractalNoise(random, width, height, 8, 0.7);
  const light = fractalNoise(random, width, height, 2, 0.5);
  return toImage(width, height, (x, y, index) => {
    const value = (leaves[index] ?? 0) * 110 + (light[index] ?? 0) * 80;
    return [60 + value * 0.6, 110 + value, 40 + value * 0.4];
  });
}
