/**
 * The cache bench's graph, built from core nodes only:
 *
 *   load-image(logo.png) → resize(logo to size/2, lanczos3) ─┐
 *   gradient(size × size) ──────────────────────────────────── composite(opacity) → save-image(jpeg)
 *
 * At 2048² the gradient and the composite each make a 48 MiB float image,
 * enough work that caching it shows.
 */
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphFile } from '../engine/common/graph/schema.ts';
import { createSharpImageCodec } from '../engine/node/media/sharpImages.ts';
import { linearGradient, parseColor } from '../nodes/core/imageOps.ts';

export interface PipelineOptions {
  size: number;
  /** The logo's path relative to the graph file. */
  logoFile: string;
  /** The composite's opacity: the downstream param the warm run changes. */
  opacity: number;
}

export function buildImagePipeline(options: PipelineOptions): GraphFile {
  const { size } = options;
  return {
    format: 'weft/graph',
    version: 1,
    meta: { title: 'Cache bench pipeline' },
    nodes: {
      background: {
        type: 'core/gradient',
        params: { width: size, height: size, from: '#1e3a8a', to: '#f97316', angle: 30 },
      },
      logo: { type: 'core/load-image', params: { file: options.logoFile } },
      scaled: {
        type: 'core/resize',
        params: { width: size / 2, height: size / 2, mode: 'stretch', kernel: 'lanczos3' },
        inputs: { image: 'logo.image' },
      },
      composite: {
        type: 'core/composite',
        params: { x: size / 4, y: size / 4, opacity: options.opacity, blend: 'normal' },
        inputs: { base: 'background.image', overlay: 'scaled.image' },
      },
      save: {
        type: 'core/save-image',
        params: { prefix: 'bench', format: 'jpeg', quality: 90 },
        inputs: { image: 'composite.image' },
      },
    },
  };
}

const ASSETS = new URL('../graphs/assets/', import.meta.url);

/**
 * Puts a PNG logo into `folder` and returns its file name: the first PNG of
 * graphs/assets/, or a 96×96 gradient the codec writes when there is none.
 */
export async function prepareLogo(folder: string): Promise<string> {
  const assets = await readdir(ASSETS).catch(() => [] as string[]);
  const png = assets.filter((name) => name.toLowerCase().endsWith('.png')).sort()[0];
  if (png) {
    await copyFile(new URL(png, ASSETS), join(folder, png));
    return png;
  }
  const image = linearGradient(
    96,
    96,
    parseColor('#ffffff', 'from'),
    parseColor('#10b981', 'to'),
    45,
  );
  await writeFile(join(folder, 'logo.png'), await createSharpImageCodec().encode(image, 0, 'png'));
  return 'logo.png';
}
