/**
 * diffusion/empty-latent: the zero latent a text-to-image run starts from,
 * [batch, 4, height/8, width/8]. The sampler sees that it is empty and starts
 * from pure noise (a batch of N uses seeds seed … seed + N − 1).
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { readParams } from '../core/params.ts';
import { LATENT_CHANNELS, LATENT_SCALE } from './latentSpace.ts';

const MAX_SIDE = 8192;
const MAX_BATCH = 64;

const definition: NodeDefinition = {
  type: 'diffusion/empty-latent',
  version: 1,
  title: 'Empty latent',
  category: 'Diffusion',
  description:
    'The blank starting point of text-to-image: the image size (multiples of 8) and how many images to make at once.',
  inputs: [],
  outputs: [{ name: 'latent', type: 'LATENT' }],
  params: [
    { name: 'width', kind: 'int', label: 'Width', default: 512, min: 8, max: MAX_SIDE, step: 8 },
    { name: 'height', kind: 'int', label: 'Height', default: 512, min: 8, max: MAX_SIDE, step: 8 },
    {
      name: 'batch',
      kind: 'int',
      label: 'Batch size',
      default: 1,
      min: 1,
      max: MAX_BATCH,
      description: 'Images made at once; image n uses seed + n.',
    },
  ],
};

export const emptyLatentNode = defineNode({
  definition,
  run(_inputs, params) {
    const read = readParams(definition, params);
    const width = read.int('width');
    const height = read.int('height');
    for (const [name, value] of [
      ['width', width],
      ['height', height],
    ] as const) {
      if (value % LATENT_SCALE !== 0) {
        const below = Math.max(LATENT_SCALE, value - (value % LATENT_SCALE));
        throw new NodeError(
          'INVALID_PARAM',
          `"${name === 'width' ? 'Width' : 'Height'}" must be a multiple of ${LATENT_SCALE}, got ${value}. Use ${below} or ${below + LATENT_SCALE}.`,
          name,
        );
      }
    }
    const dims = [read.int('batch'), LATENT_CHANNELS, height / LATENT_SCALE, width / LATENT_SCALE];
    return Promise.resolve({ latent: { samples: Tensor.zeros('float32', dims) } });
  },
});
