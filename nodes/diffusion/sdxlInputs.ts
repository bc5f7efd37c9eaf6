/**
 * The UNet inputs SDXL adds beside the text, for each half of CFG, as
 * diffusers' StableDiffusionXLPipeline builds them:
 *
 * - `text_embeds` [1, P]: the conditioning's pooled prompt (text_encoder_2's
 *   text_embeds; zeros for an empty negative under force_zeros_for_empty_prompt);
 * - `time_ids` [1, 6] = (original height, original width, crop top, crop
 *   left, target height, target width) in pixels: the conditioning's
 *   `size` (SDXL size conditioning), each size that is 0 or absent being the
 *   latent's own (latent × 8) and the crop 0, 0, as diffusers defaults
 *   original_size and target_size to the image size. The negative half uses
 *   its own conditioning's size (diffusers' negative_original_size …), the
 *   same defaults when it has none.
 *
 * Widths come from the UNet's declared inputs; a prompt encoded by another
 * pipeline (pooled of the wrong width) is refused with a message.
 */
import type { ModelHandle, RunnableModel } from '../../engine/common/models.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { AddedInputs } from './denoiser.ts';
import { LATENT_SCALE } from './latentSpace.ts';
import type { Conditioning, SizeConditioning } from './values.ts';

/** diffusers' add_time_ids for a conditioning and a latent of h × w. */
export function timeIds(
  size: SizeConditioning | undefined,
  latentHeight: number,
  latentWidth: number,
): Float32Array {
  const pixels: [number, number] = [latentHeight * LATENT_SCALE, latentWidth * LATENT_SCALE];
  const orDefault = (pair: [number, number] | undefined): [number, number] =>
    pair && pair[0] > 0 && pair[1] > 0 ? pair : pixels;
  return Float32Array.from([
    ...orDefault(size?.original),
    ...(size?.crop ?? [0, 0]),
    ...orDefault(size?.target),
  ]);
}

function declaredWidth(unet: RunnableModel, name: string): number | undefined {
  const width = unet.inputs.find((io) => io.name === name)?.shape[1];
  return typeof width === 'number' ? width : undefined;
}

/** The SDXL inputs of each conditioning, or undefined for a UNet that takes none. */
export function sdxlAddedInputs(
  pipeline: ModelHandle,
  unet: RunnableModel,
  conditionings: { positive: Conditioning; negative: Conditioning | undefined },
  latentHeight: number,
  latentWidth: number,
): { positive: AddedInputs; negative: AddedInputs | undefined } | undefined {
  const takesPooled = unet.inputs.some((io) => io.name === 'text_embeds');
  const takesTimeIds = unet.inputs.some((io) => io.name === 'time_ids');
  if (!takesPooled && !takesTimeIds) return undefined;

  const timeIdsLength = declaredWidth(unet, 'time_ids');
  if (takesTimeIds && timeIdsLength !== undefined && timeIdsLength !== 6) {
    throw new NodeError(
      'PIPELINE_UNSUPPORTED',
      `The UNet of "${pipeline.summary.name}" takes ${timeIdsLength} time_ids${timeIdsLength === 5 ? ' (an SDXL refiner, conditioned on an aesthetic score)' : ''}; the Sampler drives SDXL base-style UNets (original size, crop, target size). Pick an SDXL base pipeline.`,
    );
  }
  const pooledWidth = declaredWidth(unet, 'text_embeds');
  const added = (conditioning: Conditioning, port: 'positive' | 'negative'): AddedInputs => {
    const inputs: Record<string, Tensor<'float32'>> = {};
    if (takesPooled) {
      const width = conditioning.pooled.dims[1];
      if (pooledWidth !== undefined && width !== pooledWidth) {
        throw new NodeError(
          'CONDITIONING_MISMATCH',
          `The ${port} prompt carries a ${width}-wide pooled embedding, but the SDXL UNet of "${pipeline.summary.name}" reads ${pooledWidth}: it was encoded by another pipeline's text encoders. Connect the Text encode nodes to the same pipeline as the Sampler.`,
          port,
        );
      }
      inputs.text_embeds = conditioning.pooled;
    }
    if (takesTimeIds)
      inputs.time_ids = new Tensor(
        'float32',
        [1, 6],
        timeIds(conditioning.size, latentHeight, latentWidth),
      );
    return inputs;
  };
  return {
    positive: added(conditionings.positive, 'positive'),
    negative: conditionings.negative ? added(conditionings.negative, 'negative') : undefined,
  };
}
