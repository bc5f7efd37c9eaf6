/**
 * core/save-image and core/preview-image: the output nodes for images. Every
 * image of the batch becomes one file through ctx.output (numbered, never
 * overwritten). PNGs carry the graph as run in a "weft:graph" text chunk, so
 * `weft graph-from FILE.png` and dropping the file on the canvas restore it,
 * and, for images a sampler made, the seed of that very image in
 * "weft:seed" (image b of a batch: seed + b), so one image of a batch can be
 * made again on its own. The log lists each saved file with its seed.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { GRAPH_TEXT_KEY } from '../../engine/common/graph/provenance.ts';
import type { ImageFormat, NodeContext } from '../../engine/common/nodeApi.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import type { Tensor } from '../../engine/common/tensor.ts';
import { imageInput } from './inputs.ts';
import { readParams } from './params.ts';
import { imageSeeds } from './seededImage.ts';

/** The PNG text keyword of an image's seed (decimal). */
export const SEED_TEXT_KEY = 'weft:seed';

const EXTENSIONS: Record<ImageFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

async function writeBatch(
  image: Tensor<'float32'>,
  seeds: readonly number[] | undefined,
  ctx: NodeContext,
  options: { prefix: string; format: ImageFormat; quality: number; kind: 'output' | 'preview' },
): Promise<void> {
  const batch = image.dims[0] ?? 0;
  const graph = JSON.stringify(ctx.graph);
  const saved: string[] = [];
  for (let index = 0; index < batch; index++) {
    ctx.signal.throwIfAborted();
    const seed = seeds?.[index];
    const text =
      options.format === 'png'
        ? {
            [GRAPH_TEXT_KEY]: graph,
            ...(seed !== undefined ? { [SEED_TEXT_KEY]: String(seed) } : {}),
          }
        : undefined;
    const bytes = await ctx.images.encode(image, index, options.format, {
      quality: options.quality,
      ...(text ? { text } : {}),
    });
    const file = await ctx.output.write(
      `${options.prefix}.${EXTENSIONS[options.format]}`,
      bytes,
      options.kind,
    );
    if (seed !== undefined) saved.push(`${fileName(file.path)} (seed ${seed})`);
    ctx.progress(index + 1, batch);
  }
  if (saved.length > 0 && options.kind === 'output') ctx.log.info(`Saved ${saved.join(', ')}.`);
}

/** The last part of a path, either separator (nodes may not import node:path). */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

const saveDefinition: NodeDefinition = {
  type: 'core/save-image',
  version: 1,
  title: 'Save Image',
  category: 'Image',
  description:
    'Saves every image of the batch to the output folder as <prefix>_00001.png, _00002…, never overwriting. PNGs embed the graph, so dropping one on the canvas brings the graph back, and the seed each generated image was made with.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [],
  params: [
    {
      name: 'prefix',
      kind: 'string',
      label: 'File name prefix',
      default: 'weft',
      description: 'The start of the file names; a number and the extension are added.',
    },
    {
      name: 'format',
      kind: 'enum',
      label: 'Format',
      options: ['png', 'jpeg', 'webp'],
      default: 'png',
    },
    {
      name: 'quality',
      kind: 'int',
      label: 'Quality',
      default: 90,
      min: 1,
      max: 100,
      slider: true,
      description: 'JPEG and WebP quality; PNG is lossless and ignores it.',
    },
  ],
  flags: { output: true },
};

export const saveImageNode = defineNode({
  definition: saveDefinition,
  async run(inputs, params, ctx) {
    const read = readParams(saveDefinition, params);
    await writeBatch(imageInput(saveDefinition, inputs, 'image'), imageSeeds(inputs.image), ctx, {
      prefix: read.string('prefix'),
      format: read.option<ImageFormat>('format'),
      quality: read.int('quality'),
      kind: 'output',
    });
    return {};
  },
});

const previewDefinition: NodeDefinition = {
  type: 'core/preview-image',
  version: 1,
  title: 'Preview Image',
  category: 'Image',
  description: 'Shows the images in the editor without saving them to the output folder.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [],
  params: [],
  flags: { output: true },
};

export const previewImageNode = defineNode({
  definition: previewDefinition,
  async run(inputs, _params, ctx) {
    await writeBatch(
      imageInput(previewDefinition, inputs, 'image'),
      imageSeeds(inputs.image),
      ctx,
      {
        prefix: `preview-${ctx.nodeId}`,
        format: 'png',
        quality: 100,
        kind: 'preview',
      },
    );
    return {};
  },
});
