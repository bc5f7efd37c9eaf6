/**
 * core/resize: scales through the codec (sharp's kernels), then crops or
 * pads with the pure tensor ops so "fill" and "pad" land exactly on the
 * requested size.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { ResizeKernel } from '../../engine/common/nodeApi.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import type { ResizeMode } from './imageOps.ts';
import { cropImage, padImage, parseColor, RESIZE_MODES, scaledSize, shapeOf } from './imageOps.ts';
import { imageInput } from './inputs.ts';
import { withSeedsOf } from './seededImage.ts';
import { readParams } from './params.ts';
import { colorParam, sideParam } from './sizeParams.ts';

const KERNELS: readonly ResizeKernel[] = ['lanczos3', 'cubic', 'linear', 'nearest'];

const definition: NodeDefinition = {
  type: 'core/resize',
  version: 1,
  title: 'Resize',
  category: 'Image',
  description:
    'Resizes images. Stretch ignores the aspect ratio; fit keeps it and stays inside the size; fill covers the size and crops the centre; pad fits and fills the borders with the pad colour.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [
    sideParam('width', 'Width'),
    sideParam('height', 'Height'),
    { name: 'mode', kind: 'enum', label: 'Mode', options: [...RESIZE_MODES], default: 'stretch' },
    {
      name: 'kernel',
      kind: 'enum',
      label: 'Filter',
      options: [...KERNELS],
      default: 'lanczos3',
      description: 'lanczos3 is sharpest; nearest keeps hard pixel edges (pixel art, masks).',
    },
    colorParam('padColor', 'Pad color', '#000000', 'The border colour in pad mode.'),
  ],
};

export const resizeNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const image = imageInput(definition, inputs, 'image');
    const read = readParams(definition, params);
    const target = { width: read.int('width'), height: read.int('height') };
    const mode = read.option<ResizeMode>('mode');
    const kernel = read.option<ResizeKernel>('kernel');
    const padColor = mode === 'pad' ? parseColor(read.string('padColor'), 'padColor') : undefined;

    const source = shapeOf(image);
    const size = scaledSize(mode, source, target);
    const scaled =
      size.width === source.width && size.height === source.height
        ? image
        : await ctx.images.resize(image, size.width, size.height, kernel);
    if (mode === 'fill') {
      const x = Math.floor((size.width - target.width) / 2);
      const y = Math.floor((size.height - target.height) / 2);
      return {
        image: withSeedsOf(cropImage(scaled, x, y, target.width, target.height), inputs.image),
      };
    }
    if (mode === 'pad' && padColor) {
      const left = Math.floor((target.width - size.width) / 2);
      const top = Math.floor((target.height - size.height) / 2);
      const padding = {
        top,
        left,
        bottom: target.height - size.height - top,
        right: target.width - size.width - left,
      };
      return { image: withSeedsOf(padImage(scaled, padding, padColor), inputs.image) };
    }
    return { image: withSeedsOf(scaled, inputs.image) };
  },
});
