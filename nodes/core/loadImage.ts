/**
 * core/load-image: an image file from the graph's folder (or an allowed
 * input folder) as IMAGE, its alpha as MASK, and its size.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { DecodedImage } from '../../engine/common/nodeApi.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { readParams } from './params.ts';

const definition: NodeDefinition = {
  type: 'core/load-image',
  version: 1,
  title: 'Load Image',
  category: 'Image',
  description:
    'Loads a PNG, JPEG or WebP file (rotated upright from its EXIF orientation). The mask is its alpha channel, or all ones when it has none.',
  inputs: [],
  outputs: [
    { name: 'image', type: 'IMAGE' },
    { name: 'mask', type: 'MASK', description: 'The alpha channel: 1 = opaque.' },
    { name: 'width', type: 'INT' },
    { name: 'height', type: 'INT' },
  ],
  params: [
    {
      name: 'file',
      kind: 'file',
      label: 'File',
      default: '',
      accept: ['.png', '.jpg', '.jpeg', '.webp'],
      description:
        'A path relative to the graph file, or inside a folder allowed with --input-dir.',
    },
  ],
};

export const loadImageNode = defineNode({
  definition,
  async run(_inputs, params, ctx) {
    const file = readParams(definition, params).string('file');
    if (file.trim() === '') {
      throw new NodeError(
        'FILE_NOT_CHOSEN',
        'Load Image: no file is chosen. Pick an image file first.',
        'file',
      );
    }
    const bytes = await ctx.files.read(file);
    let decoded: DecodedImage;
    try {
      decoded = await ctx.images.decode(bytes);
    } catch (error) {
      if (error instanceof NodeError) {
        throw new NodeError(
          error.code,
          error.message.replace(/^This file/, `The file "${file}"`),
          'file',
        );
      }
      throw error;
    }
    const [, height = 0, width = 0] = decoded.image.dims;
    const mask =
      decoded.mask ??
      new Tensor('float32', [1, height, width], new Float32Array(height * width).fill(1));
    return { image: decoded.image, mask, width, height };
  },
});
