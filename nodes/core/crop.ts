/** core/crop: a rectangle of every image in the batch. */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { cropImage } from './imageOps.ts';
import { imageInput } from './inputs.ts';
import { withSeedsOf } from './seededImage.ts';
import { readParams } from './params.ts';
import { MAX_SIDE, sideParam } from './sizeParams.ts';

const definition: NodeDefinition = {
  type: 'core/crop',
  version: 1,
  title: 'Crop',
  category: 'Image',
  description:
    'Keeps the rectangle that starts x pixels from the left and y from the top, width × height in size.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [
    { name: 'x', kind: 'int', label: 'X', default: 0, min: 0, max: MAX_SIDE - 1 },
    { name: 'y', kind: 'int', label: 'Y', default: 0, min: 0, max: MAX_SIDE - 1 },
    sideParam('width', 'Width'),
    sideParam('height', 'Height'),
  ],
};

export const cropNode = defineNode({
  definition,
  async run(inputs, params) {
    const image = imageInput(definition, inputs, 'image');
    const read = readParams(definition, params);
    return {
      image: withSeedsOf(
        cropImage(image, read.int('x'), read.int('y'), read.int('width'), read.int('height')),
        inputs.image,
      ),
    };
  },
});
