/** core/composite: an overlay placed on a base, with opacity, an optional mask and a blend mode. */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import type { BlendMode } from './imageOps.ts';
import { BLEND_MODES, compositeImages } from './imageOps.ts';
import { imageInput, optionalMaskInput } from './inputs.ts';
import { readParams } from './params.ts';
import { MAX_SIDE } from './sizeParams.ts';

const definition: NodeDefinition = {
  type: 'core/composite',
  version: 1,
  title: 'Composite',
  category: 'Image',
  description:
    'Places the overlay on the base with its top-left corner at x, y (it may hang over the edges). The mask, if connected, is the overlay’s alpha. A batch of 1 is reused for every image of a larger batch.',
  inputs: [
    { name: 'base', type: 'IMAGE', label: 'Base' },
    { name: 'overlay', type: 'IMAGE', label: 'Overlay' },
    {
      name: 'mask',
      type: 'MASK',
      label: 'Mask',
      optional: true,
      description: 'Where the overlay shows (1) or not (0), the size of the overlay.',
    },
  ],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [
    { name: 'x', kind: 'int', label: 'X', default: 0, min: -MAX_SIDE, max: MAX_SIDE },
    { name: 'y', kind: 'int', label: 'Y', default: 0, min: -MAX_SIDE, max: MAX_SIDE },
    {
      name: 'opacity',
      kind: 'float',
      label: 'Opacity',
      default: 1,
      min: 0,
      max: 1,
      step: 0.01,
      slider: true,
    },
    {
      name: 'blend',
      kind: 'enum',
      label: 'Blend',
      options: [...BLEND_MODES],
      default: 'normal',
      description: 'normal covers, multiply darkens, screen lightens.',
    },
  ],
};

export const compositeNode = defineNode({
  definition,
  async run(inputs, params) {
    const read = readParams(definition, params);
    const image = compositeImages(
      imageInput(definition, inputs, 'base'),
      imageInput(definition, inputs, 'overlay'),
      {
        x: read.int('x'),
        y: read.int('y'),
        opacity: read.float('opacity'),
        blend: read.option<BlendMode>('blend'),
        mask: optionalMaskInput(definition, inputs, 'mask'),
      },
    );
    return { image };
  },
});
