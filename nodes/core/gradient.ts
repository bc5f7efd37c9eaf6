/** core/gradient: a linear gradient between two colours (formula in imageOps.linearGradient). */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { linearGradient, parseColor } from './imageOps.ts';
import { readParams } from './params.ts';
import { colorParam, sideParam } from './sizeParams.ts';

const definition: NodeDefinition = {
  type: 'core/gradient',
  version: 1,
  title: 'Gradient',
  category: 'Image',
  description:
    'A linear gradient from one colour to another. At 0° it runs left to right, at 90° top to bottom; the first and last pixels along the angle are exactly the two colours.',
  inputs: [],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [
    sideParam('width', 'Width'),
    sideParam('height', 'Height'),
    colorParam('from', 'From', '#000000', 'The colour where the gradient starts.'),
    colorParam('to', 'To', '#ffffff', 'The colour where the gradient ends.'),
    {
      name: 'angle',
      kind: 'float',
      label: 'Angle (degrees)',
      default: 0,
      min: -360,
      max: 360,
      step: 1,
      slider: true,
      description: 'Direction of the gradient, clockwise: 0 = left to right, 90 = top to bottom.',
    },
  ],
};

export const gradientNode = defineNode({
  definition,
  async run(_inputs, params) {
    const read = readParams(definition, params);
    const from = parseColor(read.string('from'), 'from');
    const to = parseColor(read.string('to'), 'to');
    return {
      image: linearGradient(read.int('width'), read.int('height'), from, to, read.float('angle')),
    };
  },
});
