/**
 * Renders the app icon (icon.svg) to the PNG sizes the packages need:
 * png/<n>x<n>.png for Linux (electron-builder reads the folder), 256 for
 * Windows (converted to .ico) and 1024 for macOS (converted to .icns).
 *
 *   node bin/run-ts.js resources/icons/generate.ts
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const FOLDER = new URL('.', import.meta.url).pathname;

export async function writeIcons(folder: string = FOLDER): Promise<string[]> {
  const svg = await readFile(join(FOLDER, 'icon.svg'));
  await mkdir(join(folder, 'png'), { recursive: true });
  const written: string[] = [];
  for (const size of ICON_SIZES) {
    const file = join(folder, 'png', `${size}x${size}.png`);
    await sharp(svg, { density: Math.max(72, (72 * size) / 1024) * 4 })
      .resize(size, size)
      .png({ compressionLevel: 9 })
      .toFile(file);
    written.push(file);
  }
  return written;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  for (const file of await writeIcons()) console.log(file);
}
