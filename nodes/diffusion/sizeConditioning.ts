/**
 * diffusion/size-conditioning: SDXL's micro-conditioning on a prompt. SDXL
 * was trained knowing each image's original size and where it was cropped,
 * and the UNet takes them as time_ids = (original height, original width,
 * crop top, crop left, target height, target width). This node sets them on
 * a conditioning (values.ts `size`); without it the Sampler uses the
 * latent's own size, uncropped (diffusers' defaults). Sizes of 0 mean the
 * latent's. Pipelines other than SDXL ignore it.
 */
import type { NodeDefinition, ParamSpec } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { readParams } from '../core/params.ts';
import { conditioningValue, requiredConditioning } from './values.ts';

const MAX_SIDE = 16384;

function side(name: string, label: string, description: string): ParamSpec {
  return { name, kind: 'int', label, default: 0, min: 0, max: MAX_SIDE, step: 8, description };
}

const definition: NodeDefinition = {
  type: 'diffusion/size-conditioning',
  version: 1,
  title: 'SDXL size conditioning',
  category: 'Diffusion',
  description:
    'Tells an SDXL model the original size, crop and target size to imitate (its time_ids). A small original size looks upscaled and soft; a crop looks cut off. 0 means the image’s own size.',
  inputs: [{ name: 'conditioning', type: 'CONDITIONING', label: 'Conditioning' }],
  outputs: [{ name: 'conditioning', type: 'CONDITIONING' }],
  params: [
    side(
      'originalWidth',
      'Original width',
      'The width the image “was” before resizing; 0: the image’s.',
    ),
    side('originalHeight', 'Original height', 'The height it “was”; 0: the image’s.'),
    {
      name: 'cropLeft',
      kind: 'int',
      label: 'Crop left',
      default: 0,
      min: 0,
      max: MAX_SIDE,
      description: 'Pixels cut off the left; 0 for a centred, uncut image.',
    },
    {
      name: 'cropTop',
      kind: 'int',
      label: 'Crop top',
      default: 0,
      min: 0,
      max: MAX_SIDE,
      description: 'Pixels cut off the top.',
    },
    side('targetWidth', 'Target width', 'The width to aim for; 0: the image’s.'),
    side('targetHeight', 'Target height', 'The height to aim for; 0: the image’s.'),
  ],
};

export const sizeConditioningNode = defineNode({
  definition,
  run(inputs, params) {
    const conditioning = requiredConditioning(definition, inputs, 'conditioning');
    const read = readParams(definition, params);
    return Promise.resolve({
      conditioning: conditioningValue({
        ...conditioning,
        size: {
          original: [read.int('originalHeight'), read.int('originalWidth')],
          crop: [read.int('cropTop'), read.int('cropLeft')],
          target: [read.int('targetHeight'), read.int('targetWidth')],
        },
      }),
    });
  },
});
