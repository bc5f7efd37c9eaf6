/**
 * diffusion/vae-encode: IMAGE → LATENT with the pipeline's vae_encoder, for
 * image-to-image. sample = image · 2 − 1 (NCHW); the encoder gives
 * `latent_sample`, or `latent_parameters` = mean ‖ logvar along the channels
 * (optimum since late 2024), of which the mean is taken, so encoding is
 * deterministic; latents = that × scaling_factor.
 *
 * Size: a side that is not a multiple of 8 is resized to the nearest one (at
 * least 8); an encoder with a fixed input size gets that size. Either way a
 * note in the log says so.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { RunnableModel } from '../../engine/common/models.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { imageInput } from '../core/inputs.ts';
import { imageToNchw } from './imageLayout.ts';
import { LATENT_SCALE } from './latentSpace.ts';
import { openComponent, pipelineInput, scalingFactor } from './pipeline.ts';

const definition: NodeDefinition = {
  type: 'diffusion/vae-encode',
  version: 1,
  title: 'VAE encode',
  category: 'Diffusion',
  description:
    'Turns images into latents with the pipeline’s VAE encoder, the start of image-to-image (set the sampler’s denoise below 1).',
  inputs: [
    { name: 'pipeline', type: 'DIFFUSION_PIPELINE', label: 'Pipeline' },
    { name: 'image', type: 'IMAGE', label: 'Image' },
  ],
  outputs: [{ name: 'latent', type: 'LATENT' }],
  params: [],
};

/** The size the encoder gets: its fixed input size, else each side at the nearest multiple of 8. */
function targetSize(encoder: RunnableModel, width: number, height: number) {
  const shape = encoder.inputs.find((io) => io.name === 'sample')?.shape ?? [];
  const [fixedHeight, fixedWidth] = [shape[2], shape[3]];
  if (typeof fixedHeight === 'number' && typeof fixedWidth === 'number' && fixedHeight > 0)
    return { width: fixedWidth, height: fixedHeight, fixed: true };
  const round = (side: number) =>
    Math.max(LATENT_SCALE, Math.round(side / LATENT_SCALE) * LATENT_SCALE);
  return { width: round(width), height: round(height), fixed: false };
}

/** The latent mean [1, C, h, w] from whichever output the encoder has. */
function latentMean(encoder: RunnableModel, outputs: Record<string, Tensor>, name: string) {
  const direct = outputs.latent_sample;
  if (direct?.dtype === 'float32' && direct.dims.length === 4) return direct as Tensor<'float32'>;
  const parameters = outputs.latent_parameters;
  if (parameters?.dtype === 'float32' && parameters.dims.length === 4) {
    const [, doubled = 0, height = 0, width = 0] = parameters.dims;
    const channels = doubled / 2;
    const mean = (parameters.data as Float32Array).slice(0, channels * height * width);
    return new Tensor('float32', [1, channels, height, width], mean);
  }
  throw new NodeError(
    'VAE_ENCODER_UNSUPPORTED',
    `The VAE encoder of "${name}" (${encoder.path}) gives neither latent_sample nor latent_parameters; it is not a diffusers/optimum vae_encoder export.`,
  );
}

export const vaeEncodeNode = defineNode({
  definition,
  async run(inputs, _params, ctx) {
    const pipeline = pipelineInput(definition, inputs);
    let image = imageInput(definition, inputs, 'image');
    const encoder = await openComponent(ctx, pipeline, 'vae_encoder');
    const scale = await scalingFactor(ctx, pipeline);
    const [batch = 0, height = 0, width = 0] = image.dims;
    const target = targetSize(encoder, width, height);
    if (target.width !== width || target.height !== height) {
      ctx.log.info(
        target.fixed
          ? `The VAE encoder of "${pipeline.summary.name}" takes ${target.width}×${target.height} images only; the ${width}×${height} image was resized to that.`
          : `The image is ${width}×${height}; latents need multiples of ${LATENT_SCALE}, so it was resized to ${target.width}×${target.height}.`,
      );
      image = await ctx.images.resize(image, target.width, target.height, 'lanczos3');
    }
    const latents: Float32Array[] = [];
    let dims: readonly number[] = [];
    for (let b = 0; b < batch; b++) {
      ctx.signal.throwIfAborted();
      const sample = imageToNchw(image, b, (value) => value * 2 - 1);
      const outputs = await encoder.run({ sample }, { signal: ctx.signal });
      const mean = latentMean(encoder, outputs, pipeline.summary.name);
      dims = mean.dims;
      latents.push(mean.data.map((value) => value * scale));
      ctx.progress(b + 1, batch);
    }
    const samples = new Float32Array(latents.reduce((n, latent) => n + latent.length, 0));
    latents.forEach((latent, index) => samples.set(latent, index * latent.length));
    return {
      latent: { samples: new Tensor('float32', [batch, ...dims.slice(1)], samples) },
    };
  },
});
