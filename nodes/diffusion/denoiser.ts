/**
 * The UNet as the samplers' denoiser (samplers/types.ts): x in sigma space
 * (x = x0 + σ·ε) and σ in, the x0 estimate out. Per call:
 *
 * 1. model input = x / √(σ² + 1) (the VP sample the UNet was trained on);
 *    the timestep is the schedule's (rounded for UNets that take integers);
 * 2. classifier-free guidance when the scale is above 1: the negative and
 *    positive conditionings in that order as a batch of 2 in one call when the
 *    UNet's batch dim is free and both have the same length, else two calls;
 *    ε = ε_neg + g·(ε_pos − ε_neg), then guidance rescale (guidance.ts);
 * 3. ControlNets whose step window holds the current step run on the same
 *    model input, timestep and text, with their control image (RGB in [0, 1],
 *    repeated for the CFG batch) and conditioning_scale = strength; their
 *    residuals are summed and fed to the ControlNet-capable UNet. Steps with
 *    no ControlNet active run the plain UNet;
 * 4. LCM UNets get `timestep_cond`, the guidance embedding (lcmGuidance.ts),
 *    and no CFG; SDXL UNets (and SDXL ControlNets) get each conditioning's
 *    added inputs, `text_embeds` and `time_ids`, batched beside its text;
 * 5. x0 from the prediction: ε → x − σ·ε; v → x/(σ² + 1) − v·σ/√(σ² + 1);
 *    sample → the output itself.
 */
import type { RunnableModel } from '../../engine/common/models.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';
import type { Denoiser } from '../../engine/common/diffusion/samplers/types.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { guide } from './guidance.ts';

export type Prediction = 'epsilon' | 'v_prediction' | 'sample';

/** A ControlNet ready to run: its model and its control image NCHW [1, 3, H, W]. */
export interface PreparedControl {
  name: string;
  model: RunnableModel;
  image: Tensor<'float32'>;
  strength: number;
  start: number;
  end: number;
}

export interface DenoiserOptions {
  /** The UNet without ControlNet inputs; undefined when the pipeline's only UNet needs residuals. */
  unet: RunnableModel | undefined;
  /** The UNet that takes ControlNet residuals; needed when `controls` is not empty. */
  controlUnet: RunnableModel | undefined;
  /** One latent's shape [4, h, w]. */
  shape: readonly [number, number, number];
  positive: Tensor<'float32'>;
  negative: Tensor<'float32'> | undefined;
  /**
   * Inputs that travel with each conditioning (SDXL: text_embeds [1, P] and
   * time_ids [1, 6]), batched like the text; a model gets those it declares.
   */
  added?: { positive: AddedInputs; negative: AddedInputs | undefined };
  /** Guidance scale; CFG runs only when above 1 and a negative is given. */
  cfg: number;
  guidanceRescale: number;
  prediction: Prediction;
  /** LCM: the guidance embedding fed as timestep_cond (no CFG then). */
  timestepCond: Float32Array | undefined;
  integerTimesteps: boolean;
  controls: readonly PreparedControl[];
  /** The step being taken (0-based) and the steps of the run, for ControlNet windows. */
  progress(): { step: number; total: number };
  signal: AbortSignal;
}

/** Whether a ControlNet acts on step i of n (diffusers' controlnet_keep). */
export function controlActive(
  control: { start: number; end: number },
  step: number,
  total: number,
) {
  return !(step / total < control.start || (step + 1) / total > control.end);
}

/** Stacks equal tensors along a new first (batch) axis of the given count. */
function repeatBatch(tensor: Tensor<'float32'>, count: number): Tensor<'float32'> {
  if (count === 1) return tensor;
  const data = new Float32Array(tensor.size * count);
  for (let b = 0; b < count; b++) data.set(tensor.data, b * tensor.size);
  return new Tensor('float32', [count, ...tensor.dims.slice(1)], data);
}

function concatBatch(parts: readonly Tensor<'float32'>[]): Tensor<'float32'> {
  const [first] = parts as [Tensor<'float32'>];
  if (parts.length === 1) return first;
  const data = new Float32Array(parts.reduce((n, part) => n + part.size, 0));
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.size;
  }
  return new Tensor('float32', [parts.length, ...first.dims.slice(1)], data);
}

function addInto(target: Record<string, Tensor<'float32'>>, source: Record<string, Tensor>) {
  for (const [name, tensor] of Object.entries(source)) {
    if (!name.endsWith('_additional_residual')) continue;
    const existing = target[name];
    if (!existing) {
      target[name] = new Tensor(
        'float32',
        tensor.dims,
        Float32Array.from(tensor.data as Float32Array),
      );
      continue;
    }
    const data = tensor.data as Float32Array;
    for (let i = 0; i < existing.size; i++) existing.data[i]! += data[i]!;
  }
}

function noisePrediction(model: RunnableModel, outputs: Record<string, Tensor>): Float32Array {
  const output = outputs.out_sample ?? Object.values(outputs)[0];
  if (output?.dtype !== 'float32') {
    throw new NodeError(
      'UNET_UNSUPPORTED',
      `The UNet ${model.path} gave no float out_sample; it is not a diffusers/optimum UNet export.`,
    );
  }
  return output.data as Float32Array;
}

/** Per-conditioning extra inputs, each [1, …]. */
export type AddedInputs = Readonly<Record<string, Tensor<'float32'>>>;

/** One conditioning's text and its added inputs, as one UNet call takes them. */
interface Text {
  hidden: Tensor<'float32'>;
  added: AddedInputs;
}

function joinTexts(texts: readonly Text[]): Text {
  const names = Object.keys(texts[0]!.added);
  return {
    hidden: concatBatch(texts.map((text) => text.hidden)),
    added: Object.fromEntries(
      names.map((name) => [name, concatBatch(texts.map((text) => text.added[name]!))]),
    ),
  };
}

/** The added inputs a model declares, repeated to the call's batch when given once. */
function addedFor(model: RunnableModel, added: AddedInputs, batch: number): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(added)) {
    if (!model.inputs.some((io) => io.name === name)) continue;
    feeds[name] = tensor.dims[0] === batch ? tensor : repeatBatch(tensor, batch);
  }
  return feeds;
}

export function createDenoiser(options: DenoiserOptions): Denoiser {
  const { shape, positive, negative, cfg, controls, signal } = options;
  const guided = cfg > 1 && negative !== undefined && options.timestepCond === undefined;
  const size = shape[0] * shape[1] * shape[2];
  const batchable =
    guided &&
    negative.dims[1] === positive.dims[1] &&
    [options.unet, options.controlUnet, ...controls.map((control) => control.model)].every(
      (model) => !model || takesBatchOfTwo(model),
    );
  const text = (hidden: Tensor<'float32'>, added: AddedInputs | undefined): Text => ({
    hidden,
    added: added ?? {},
  });
  const conditionings = guided
    ? [text(negative, options.added?.negative), text(positive, options.added?.positive)]
    : [text(positive, options.added?.positive)];
  // The CFG batch's text is the same every step: joined once, not per call.
  const bothConditionings = batchable ? joinTexts(conditionings) : undefined;
  const batchDims = [batchable ? 2 : 1, ...shape];

  /**
   * What a model is fed besides the sample and the timestep (the text, its
   * added inputs, LCM's timestep_cond) is the same at every step: built once
   * per model and text, so a call builds only what changes (bench/pipeline).
   */
  const steady = new Map<RunnableModel, Map<Text, Readonly<Record<string, Tensor>>>>();
  function steadyFeeds(model: RunnableModel, text: Text, batch: number) {
    let byText = steady.get(model);
    if (!byText) {
      byText = new Map<Text, Readonly<Record<string, Tensor>>>();
      steady.set(model, byText);
    }
    const kept = byText.get(text);
    if (kept) return kept;
    const feeds: Record<string, Tensor> = {
      encoder_hidden_states: text.hidden,
      ...addedFor(model, text.added, batch),
    };
    if (options.timestepCond) {
      const dim = options.timestepCond.length;
      feeds.timestep_cond = repeatBatch(
        new Tensor('float32', [1, dim], options.timestepCond),
        batch,
      );
    }
    byText.set(text, feeds);
    return feeds;
  }

  async function residuals(
    sample: Tensor<'float32'>,
    timestep: number,
    text: Text,
    active: readonly PreparedControl[],
  ): Promise<Record<string, Tensor<'float32'>>> {
    const summed: Record<string, Tensor<'float32'>> = {};
    // With no plain UNet, an idle step still feeds the residual inputs: zeros, from scale 0.
    const runs =
      active.length > 0
        ? active.map((control) => [control, control.strength] as const)
        : [[controls[0]!, 0] as const];
    for (const [control, scale] of runs) {
      signal.throwIfAborted();
      const outputs = await control.model.run(
        {
          sample,
          timestep,
          encoder_hidden_states: text.hidden,
          ...addedFor(control.model, text.added, sample.dims[0]!),
          controlnet_cond: repeatBatch(control.image, sample.dims[0]!),
          conditioning_scale: scale,
        },
        { signal },
      );
      addInto(summed, outputs);
    }
    return summed;
  }

  async function predict(
    sample: Tensor<'float32'>,
    timestep: number,
    text: Text,
  ): Promise<Float32Array> {
    let active: readonly PreparedControl[] = controls;
    if (controls.length > 0) {
      const { step, total } = options.progress();
      active = controls.filter((control) => controlActive(control, step, total));
    }
    const useControl = active.length > 0 || !options.unet;
    const model = useControl ? options.controlUnet! : options.unet!;
    const feeds: Record<string, Tensor | number> = Object.assign(
      { sample, timestep },
      steadyFeeds(model, text, sample.dims[0]!),
    );
    if (useControl) Object.assign(feeds, await residuals(sample, timestep, text, active));
    signal.throwIfAborted();
    return noisePrediction(model, await model.run(feeds, { signal }));
  }

  return async (x, sigma, rawTimestep) => {
    signal.throwIfAborted();
    const timestep = options.integerTimesteps ? Math.round(rawTimestep) : rawTimestep;
    const inputScale = 1 / Math.sqrt(sigma * sigma + 1);
    // Loops, not x.map: TypedArray map costs ~15 µs on a toy latent, a third of a UNet call.
    // For the CFG batch both halves are written at once (the same scaled latent twice).
    const input = new Float32Array(batchable ? 2 * size : size);
    for (let i = 0; i < size; i++) input[i] = x[i]! * inputScale;
    if (batchable) input.copyWithin(size, 0, size);
    const scaled = new Tensor('float32', batchDims, input);
    let predictions: Float32Array[];
    if (batchable) {
      const both = await predict(scaled, timestep, bothConditionings!);
      predictions = [both.subarray(0, size), both.subarray(size, 2 * size)];
    } else {
      predictions = [];
      for (const conditioning of conditionings)
        predictions.push((await predict(scaled, timestep, conditioning)).subarray(0, size));
    }
    const output = guided
      ? guide(predictions[0]!, predictions[1]!, cfg, options.guidanceRescale)
      : predictions[0]!;
    return toDenoised(x, output, sigma, options.prediction);
  };
}

function toDenoised(x: Float32Array, output: Float32Array, sigma: number, prediction: Prediction) {
  const denoised = new Float32Array(x.length);
  if (prediction === 'sample') {
    denoised.set(output.subarray(0, x.length));
  } else if (prediction === 'epsilon') {
    for (let i = 0; i < x.length; i++) denoised[i] = x[i]! - sigma * output[i]!;
  } else {
    const skip = 1 / (sigma * sigma + 1);
    const out = -sigma / Math.sqrt(sigma * sigma + 1);
    for (let i = 0; i < x.length; i++) denoised[i] = x[i]! * skip + output[i]! * out;
  }
  return denoised;
}

/** Whether the model's `sample` input takes a batch of 2 (a free batch dim, or fixed at 2). */
export function takesBatchOfTwo(model: RunnableModel): boolean {
  const batch = model.inputs.find((io) => io.name === 'sample')?.shape[0];
  return typeof batch !== 'number' || batch === 2;
}
