/**
 * diffusion/vae-decode: LATENT → IMAGE with the pipeline's vae_decoder:
 * latent_sample = latents / scaling_factor (vae_decoder/config.json, else
 * 0.18215; SDXL's 0.13025), image = clip(sample / 2 + 0.5, 0, 1), NCHW →
 * NHWC. One image per call: many exports fix the batch at 1. A sampled
 * latent's seeds go on with the images (nodes/core/seededImage.ts), so Save
 * Image can write each file's seed.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { imageValue } from '../core/seededImage.ts';
import { nchwToImage } from './imageLayout.ts';
import { openComponent, pipelineInput, scalingFactor } from './pipeline.ts';
import { latentInput } from './values.ts';

const definition: NodeDefinition = {
  type: 'diffusion/vae-decode',
  version: 1,
  title: 'VAE decode',
  category: 'Diffusion',
  description: 'Turns latents into images with the pipeline’s VAE decoder.',
  inputs: [
    { name: 'pipeline', type: 'DIFFUSION_PIPELINE', label: 'Pipeline' },
    { name: 'latent', type: 'LATENT', label: 'Latent' },
  ],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [],
};

export const vaeDecodeNode = defineNode({
  definition,
  async run(inputs, _params, ctx) {
    const pipeline = pipelineInput(definition, inputs);
    const { samples, seeds } = latentInput(definition, inputs, 'latent');
    const [batch = 0, channels = 0, height = 0, width = 0] = samples.dims;
    const scale = await scalingFactor(ctx, pipeline);
    const decoder = await openComponent(ctx, pipeline, 'vae_decoder');
    const size = channels * height * width;
    const images: Tensor<'float32'>[] = [];
    for (let b = 0; b < batch; b++) {
      ctx.signal.throwIfAborted();
      const latent = samples.data.slice(b * size, (b + 1) * size).map((value) => value / scale);
      const outputs = await decoder.run(
        { latent_sample: new Tensor('float32', [1, channels, height, width], latent) },
        { signal: ctx.signal },
      );
      const sample = outputs.sample ?? Object.values(outputs)[0];
      if (sample?.dtype !== 'float32' || sample.dims.length !== 4 || sample.dims[1] !== 3) {
        throw new NodeError(
          'VAE_DECODER_UNSUPPORTED',
          `The VAE decoder of "${pipeline.summary.name}" gave no RGB sample [1, 3, H, W]; it is not a diffusers/optimum vae_decoder export.`,
        );
      }
      images.push(nchwToImage(sample as Tensor<'float32'>, (value) => value / 2 + 0.5));
      ctx.progress(b + 1, batch);
    }
    return { image: imageValue(stackImages(images), seeds) };
  },
});

function stackImages(images: readonly Tensor<'float32'>[]): Tensor<'float32'> {
  const [first] = images;
  if (!first) return Tensor.zeros('float32', [0, 8, 8, 3]);
  const data = new Float32Array(first.size * images.length);
  images.forEach((image, index) => data.set(image.data, index * first.size));
  return new Tensor('float32', [images.length, ...first.dims.slice(1)], data);
}
