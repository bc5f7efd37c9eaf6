/** core/solid-color: a batch of images of one colour. */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { parseColor, solidImage } from './imageOps.ts';
import { readParams } from './params.ts';
import { colorParam, sideParam } from './sizeParams.ts';

const definition: NodeDefinition = {
  type: 'core/solid-color',
  version: 1,
  title: 'Solid Color',
  category: 'Image',
  description:
    'An image filled with one colour: a background, a canvas to composite on, or a test input.',
  inputs: [],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [
    sideParam('width', 'Width'),
    sideParam('height', 'Height'),
    colorParam('color', 'Color', '#000000'),
    { name: 'batch', kind: 'int', label: 'Batch size', default: 1, min: 1, max: 64 },
  ],
};

export const solidColorNode = defineNode({
  definition,
  async run(_inputs, params) {
    const read = readParams(definition, params);
    const color = parseColor(read.string('color'), 'color');
    return { image: solidImage(read.int('width'), read.int('height'), color, read.int('batch')) };
  },
});
