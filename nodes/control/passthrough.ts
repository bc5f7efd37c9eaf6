/**
 * control/passthrough: "use image as control". For a control map made
 * elsewhere (a depth render, a pose skeleton, a hand-drawn scribble) it passes
 * the image on unchanged: no resizing, no rounding to a multiple of 8, so the
 * ControlNet node that receives it decides how to fit it to the latent.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { imageInput } from '../core/inputs.ts';

const definition: NodeDefinition = {
  type: 'control/passthrough',
  version: 1,
  title: 'Use image as control',
  category: 'Control',
  description:
    'Passes an image you already have (a pose, depth or edge map made elsewhere) on as the control map, unchanged.',
  inputs: [{ name: 'image', type: 'IMAGE' }],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [],
};

export const passthroughNode = defineNode({
  definition,
  async run(inputs) {
    return { image: imageInput(definition, inputs, 'image') };
  },
});
