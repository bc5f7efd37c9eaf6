/** control/threshold: a black-and-white scribble or lineart map from luminance (maps.thresholdImage). */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { imageInput } from '../core/inputs.ts';
import { readParams } from '../core/params.ts';
import { thresholdImage } from './maps.ts';

const definition: NodeDefinition = {
  type: 'control/threshold',
  version: 1,
  title: 'Scribble / threshold',
  category: 'Control',
  description:
    'White where the image is brighter than the threshold, black elsewhere, for scribble and lineart ControlNets. Turn on invert for dark lines drawn on white paper.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [
    {
      name: 'threshold',
      kind: 'float',
      label: 'Threshold',
      default: 0.5,
      min: 0,
      max: 1,
      step: 0.01,
      slider: true,
      description: 'Luminance (0.299 R + 0.587 G + 0.114 B) above this becomes white.',
    },
    {
      name: 'invert',
      kind: 'boolean',
      label: 'Invert',
      default: false,
      description:
        'Dark pixels become white instead: black strokes on white give white strokes on black.',
    },
  ],
};

export const thresholdNode = defineNode({
  definition,
  async run(inputs, params) {
    const read = readParams(definition, params);
    return {
      image: thresholdImage(
        imageInput(definition, inputs, 'image'),
        read.float('threshold'),
        read.boolean('invert'),
      ),
    };
  },
});
