/** control/invert: the negative of a control map (maps.invertImage), e.g. black-on-white lineart to white-on-black. */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { imageInput } from '../core/inputs.ts';
import { invertImage } from './maps.ts';

const definition: NodeDefinition = {
  type: 'control/invert',
  version: 1,
  title: 'Invert',
  category: 'Control',
  description:
    'Each channel becomes 1 − value. ControlNets expect white lines on black; use this on black-on-white drawings or maps.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [],
};

export const invertNode = defineNode({
  definition,
  async run(inputs) {
    return { image: invertImage(imageInput(definition, inputs, 'image')) };
  },
});
