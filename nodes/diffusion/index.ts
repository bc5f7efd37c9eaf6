/** The diffusion pack: prompts (and SDXL's size conditioning), latents, the sampler, the VAE and ControlNet for Stable Diffusion pipelines. */
import type { NodeImplementation } from '../../engine/common/nodeApi.ts';
import { applyControlnetNode } from './applyControlnet.ts';
import { emptyLatentNode } from './emptyLatent.ts';
import { samplerNode } from './sampler.ts';
import { sizeConditioningNode } from './sizeConditioning.ts';
import { textEncodeNode } from './textEncode.ts';
import { vaeDecodeNode } from './vaeDecode.ts';
import { vaeEncodeNode } from './vaeEncode.ts';

export const diffusionPack: readonly NodeImplementation[] = [
  textEncodeNode,
  sizeConditioningNode,
  emptyLatentNode,
  samplerNode,
  vaeDecodeNode,
  vaeEncodeNode,
  applyControlnetNode,
];
