/**
 * Getting applied ControlNets ready for the sampler: open each model, check
 * it fits the pipeline, size its control image, and find the UNet that takes
 * ControlNet residuals.
 *
 * Which UNet takes the residuals (split export, MODEL-CONTRACTS.md): the
 * pipeline's unet/model.onnx when it has the `mid_block_additional_residual`
 * input; otherwise `controlnet/model.onnx` in the pipeline folder (OnnxStack's
 * layout: the same UNet exported with the residual inputs). Fused exports
 * (`controlnet_conds` inputs) are not supported.
 */
import type { ModelHandle, RunnableModel } from '../../engine/common/models.ts';
import type { NodeContext } from '../../engine/common/nodeApi.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';
import type { PreparedControl } from './denoiser.ts';
import { imageToNchw } from './imageLayout.ts';
import { LATENT_SCALE } from './latentSpace.ts';
import { openComponent } from './pipeline.ts';
import type { AppliedControl } from './values.ts';

const MID_RESIDUAL = 'mid_block_additional_residual';

export function residualInputs(model: RunnableModel): string[] {
  return model.inputs.map((io) => io.name).filter((name) => name.endsWith('_additional_residual'));
}

/** The UNet that takes ControlNet residuals, or a NodeError saying the pipeline has none. */
export async function controlUnet(
  ctx: NodeContext,
  pipeline: ModelHandle,
  unet: RunnableModel,
): Promise<RunnableModel> {
  if (unet.inputs.some((io) => io.name === MID_RESIDUAL)) return unet;
  if (unet.inputs.some((io) => io.name === 'controlnet_conds')) {
    throw new NodeError(
      'CONTROLNET_UNSUPPORTED',
      `The pipeline "${pipeline.summary.name}" has ControlNets fused into its UNet (a "controlnet_conds" input); Weft supports the split export (a ControlNet model plus a UNet taking its residuals). Use a split export.`,
    );
  }
  let model: RunnableModel;
  try {
    model = await openComponent(ctx, pipeline, 'controlnet');
  } catch (error) {
    if (!(error instanceof NodeError) || error.code !== 'PIPELINE_COMPONENT_MISSING') throw error;
    throw new NodeError(
      'PIPELINE_NO_CONTROLNET_UNET',
      `The pipeline "${pipeline.summary.name}" has no UNet that takes ControlNet residuals: neither unet/model.onnx has a "${MID_RESIDUAL}" input nor is there a controlnet/model.onnx. Export the UNet with ControlNet inputs (OnnxStack's controlnet/ folder), or disconnect the ControlNet.`,
    );
  }
  if (!model.inputs.some((io) => io.name === MID_RESIDUAL)) {
    throw new NodeError(
      'PIPELINE_NO_CONTROLNET_UNET',
      `The pipeline "${pipeline.summary.name}" has a controlnet/model.onnx without a "${MID_RESIDUAL}" input, so ControlNets cannot feed it. Export the UNet with ControlNet inputs, or disconnect the ControlNet.`,
    );
  }
  return model;
}

/** Opens and checks each applied ControlNet and brings its image to `width` × `height`, NCHW. */
export async function prepareControls(
  ctx: NodeContext,
  applied: readonly AppliedControl[],
  options: {
    unet: RunnableModel;
    textWidth: number;
    width: number;
    height: number;
    batch: number;
  },
): Promise<PreparedControl[][]> {
  const wanted = residualInputs(options.unet);
  const perImage: PreparedControl[][] = Array.from({ length: options.batch }, () => []);
  for (const control of applied) {
    let model: RunnableModel;
    try {
      model = await ctx.models.open(control.path);
    } catch (error) {
      if (error instanceof NodeError) throw error;
      throw new NodeError(
        'CONTROLNET_UNAVAILABLE',
        `The ControlNet "${control.name}" could not be opened: ${(error as Error).message}. Check that its file is complete, or pick another ControlNet.`,
      );
    }
    checkFits(control.name, model, wanted, options.textWidth);
    const [count = 0, height = 0, width = 0] = control.image.dims;
    if (count !== 1 && count !== options.batch) {
      throw new NodeError(
        'CONTROL_IMAGE_BATCH',
        `The control image of "${control.name}" is a batch of ${count}, but the sampler makes ${options.batch} images. Give one control image, or one per image.`,
      );
    }
    let image = control.image;
    if (width !== options.width || height !== options.height) {
      ctx.log.info(
        `The control image of "${control.name}" is ${width}×${height}; it was resized to the image size, ${options.width}×${options.height}.`,
      );
      image = await ctx.images.resize(image, options.width, options.height, 'linear');
    }
    for (let b = 0; b < options.batch; b++) {
      perImage[b]!.push({
        name: control.name,
        model,
        image: imageToNchw(image, count === 1 ? 0 : b),
        strength: control.strength,
        start: control.start,
        end: control.end,
      });
    }
  }
  return perImage;
}

/** A ControlNet made for another base model shows in its text width or its residual names. */
function checkFits(
  name: string,
  model: RunnableModel,
  wanted: readonly string[],
  textWidth: number,
): void {
  const states = model.inputs.find((io) => io.name === 'encoder_hidden_states');
  const width = states?.shape[2];
  const outputs = new Set(model.outputs.map((io) => io.name));
  const missing = wanted.filter((input) => !outputs.has(input));
  if ((typeof width === 'number' && width !== textWidth) || missing.length > 0 || !states) {
    const why =
      typeof width === 'number' && width !== textWidth
        ? `it reads ${width}-wide text, the pipeline’s text is ${textWidth} wide`
        : !states
          ? 'it has no encoder_hidden_states input'
          : `it does not give ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}, which the UNet takes`;
    throw new NodeError(
      'CONTROLNET_MISMATCH',
      `The ControlNet "${name}" does not fit this pipeline: ${why}. It was made for another base model; pick a ControlNet trained for this one.`,
    );
  }
}

/** The latent's image size in pixels. */
export function imageSize(latentHeight: number, latentWidth: number) {
  return { width: latentWidth * LATENT_SCALE, height: latentHeight * LATENT_SCALE };
}
