/**
 * # The toy ControlNet
 *
 * `writeToyControlnet(root)` writes `root/controlnet/toy-controlnet/`:
 * `model.onnx` (the split-export contract of OnnxStack, see controlnet.ts) and
 * a diffusers-style `config.json`. It pairs with the toy pipeline's
 * ControlNet-enabled UNet, `diffusion/toy-sd/controlnet/model.onnx`, written
 * by writeToySd.
 *
 * Guarantees (checked by controlnet.test.ts): the residuals have SD 1.5's
 * names and shapes at 8×8 latents; a Canny-style edge map of a dataset
 * shape scores the items of that shape highest, in proportion to
 * `conditioning_scale`; a blank control image scores nothing; with the
 * ControlNet UNet, "a red" plus a square's edge map samples the red square.
 */
import { join } from 'node:path';
import { HIDDEN_SIZE } from '../toySd/textEncoder.ts';
import { IMAGE_CHANNELS, LATENT_CHANNELS, LATENT_SIZE } from '../toySd/dataset.ts';
import { writeFixtureFiles } from '../files.ts';
import { buildToyControlnet } from './controlnet.ts';

export const TOY_CONTROLNET_FOLDER = 'controlnet/toy-controlnet';

export async function writeToyControlnet(root: string): Promise<void> {
  await writeFixtureFiles(join(root, TOY_CONTROLNET_FOLDER), {
    'model.onnx': buildToyControlnet(),
    'config.json': {
      _class_name: 'ControlNetModel',
      _diffusers_version: '0.30.0',
      conditioning_channels: IMAGE_CHANNELS,
      controlnet_conditioning_channel_order: 'rgb',
      cross_attention_dim: HIDDEN_SIZE,
      in_channels: LATENT_CHANNELS,
      sample_size: LATENT_SIZE,
    },
  });
}
