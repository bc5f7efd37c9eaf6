/**
 * The toy UNet: the exact minimum-error (posterior-mean) denoiser for the toy
 * dataset under SD's noise schedule, predicting epsilon.
 *
 * Contract: `sample` float32 [B,4,8,8], `timestep` float32 [T] (T = B, or 1
 * for the whole batch, as OnnxStack runs it; the modern export's float
 * variant), `encoder_hidden_states` float32 [B,77,768] → `out_sample` float32
 * [B,4,8,8]. B is free (CFG runs B = 2).
 *
 * For each batch row, with ᾱ = ᾱ(t) (schedule.ts, interpolated linearly at
 * fractional t, clamped to [0, 999]) and the dataset's scaled latents zᵢ:
 *   prior logit   πᵢ = PROMPT_WEIGHT · ([colour word of i in the prompt] +
 *                                        [shape word of i in the prompt])
 *                 read from the hidden states' dims 0–5 summed over the
 *                 sequence (textEncoder.ts); an empty prompt gives 0 for all,
 *                 a uniform prior
 *   weights       wᵢ = softmax(πᵢ − ‖x − √ᾱ zᵢ‖² / (2(1 − ᾱ)))
 *   x̂0 = Σ wᵢ zᵢ,  out_sample = ε̂ = (x − √ᾱ x̂0) / √(1 − ᾱ)
 *
 * The ControlNet variant (`controlnet: true`) also takes the thirteen
 * residual inputs of controlResiduals.ts and adds the first nine channels of
 * `mid_block_additional_residual` to the logits, one per dataset item; the
 * down-block residuals are accepted and ignored.
 */
import { Tensor } from '../../../engine/common/tensor.ts';
import { OnnxBuilder } from '../onnx/builder.ts';
import { CONTROL_RESIDUALS, MID_RESIDUAL } from './controlResiduals.ts';
import {
  COLOURS,
  ITEMS,
  LATENT_CHANNELS,
  LATENT_LENGTH,
  LATENT_SIZE,
  SHAPES,
  scaledLatents,
} from './dataset.ts';
import { TRAIN_TIMESTEPS, alphasCumprod } from './schedule.ts';
import { COLOUR_DIM, HIDDEN_SIZE, SHAPE_DIM } from './textEncoder.ts';
import { MAX_LENGTH } from './tokenizerFiles.ts';

/**
 * Log-prior gain per matching prompt word. With 3, "a red circle" alone (CFG 1)
 * weighs the red circle e⁶ : 4e³ : 4 against the half- and non-matching items,
 * about 83 %, and a 20-step DDIM run lands elsewhere for about one seed in
 * five, while at CFG 7.5 it settled on the red circle for 1000 seeds of 1000
 * (sampling.test.ts checks a sample of both).
 */
export const PROMPT_WEIGHT = 3;

/** [6, 9]: PROMPT_WEIGHT where row (colour 0–2, shape 3–5) names item column's colour or shape. */
export function promptToPrior(): Tensor<'float32'> {
  const rows = COLOURS.length + SHAPES.length;
  const data = new Float32Array(rows * ITEMS.length);
  for (const item of ITEMS) {
    data[(COLOUR_DIM + item.colour) * ITEMS.length + item.index] = PROMPT_WEIGHT;
    data[(SHAPE_DIM + item.shape) * ITEMS.length + item.index] = PROMPT_WEIGHT;
  }
  return new Tensor('float32', [rows, ITEMS.length], data);
}

/** ᾱ(t) as [T, 1]: linear between whole timesteps, t clamped to [0, 999]. */
export function alphaBarOf(model: OnnxBuilder, timestep: string): string {
  const last = TRAIN_TIMESTEPS - 1;
  const t = model.op('Clip', [timestep, model.floats([0], []), model.floats([last], [])]);
  const floor = model.op('Floor', [t]);
  const low = model.op('Cast', [floor], { to: 7 });
  const high = model.op('Min', [
    model.op('Add', [low, model.ints([1], [])]),
    model.ints([last], []),
  ]);
  const table = model.constant(new Tensor('float32', [TRAIN_TIMESTEPS], alphasCumprod()));
  const alphaLow = model.op('Gather', [table, low]);
  const step = model.op('Sub', [model.op('Gather', [table, high]), alphaLow]);
  const fraction = model.op('Sub', [t, floor]);
  const alphaBar = model.op('Add', [alphaLow, model.op('Mul', [fraction, step])]);
  return model.op('Unsqueeze', [alphaBar, model.ints([1])]);
}

/** Each item's log-likelihood −‖x − √ᾱ zᵢ‖² / (2(1 − ᾱ)), [B, 9]. */
export function logLikelihoodOf(
  model: OnnxBuilder,
  x: string,
  alphaBar: string,
  dataset: string,
): string {
  const signal = model.op('Unsqueeze', [model.op('Sqrt', [alphaBar]), model.ints([2])]);
  const centres = model.op('Mul', [signal, dataset]);
  const difference = model.op('Sub', [model.op('Unsqueeze', [x, model.ints([1])]), centres]);
  const squared = model.op('Mul', [difference, difference]);
  const distance = model.op('ReduceSum', [squared, model.ints([2])], { keepdims: 0 });
  const variance = model.op('Sub', [model.floats([1], []), alphaBar]);
  return model.op('Div', [
    model.op('Neg', [distance]),
    model.op('Mul', [variance, model.floats([2], [])]),
  ]);
}

/** The prompt's log prior, [B, 9]: which colour and shape words the hidden states contain. */
function promptLogPriorOf(model: OnnxBuilder, hidden: string): string {
  const counts = model.op('ReduceSum', [hidden, model.ints([1])], { keepdims: 0 });
  const wordCounts = model.op('Slice', [
    counts,
    model.ints([COLOUR_DIM]),
    model.ints([SHAPE_DIM + SHAPES.length]),
    model.ints([1]),
  ]);
  const present = model.op('Clip', [wordCounts, model.floats([0], []), model.floats([1], [])]);
  return model.op('MatMul', [present, model.constant(promptToPrior())]);
}

/** The ControlNet scores, [B, 9]: the first nine channels of the mid-block residual. */
function controlScoresOf(model: OnnxBuilder, mid: string): string {
  const flat = model.op('Reshape', [mid, model.ints([0, -1])]);
  return model.op('Slice', [flat, model.ints([0]), model.ints([ITEMS.length]), model.ints([1])]);
}

function label(model: OnnxBuilder, controlnet: boolean): void {
  const contract =
    'sd unet: sample [B,4,8,8], timestep float32 [B or 1], encoder_hidden_states [B,77,768] → out_sample [B,4,8,8] (epsilon)';
  const computes = `the exact posterior-mean denoiser of the nine-image toy dataset under SD's scaled_linear schedule, log prior ${PROMPT_WEIGHT} per matching colour or shape word; not a trained network`;
  model
    .metadata('weft.fixture', controlnet ? 'toy-sd/controlnet' : 'toy-sd/unet')
    .metadata(
      'weft.contract',
      controlnet
        ? `${contract}; also takes down_block_{0…11}_additional_residual and mid_block_additional_residual (OnnxStack's ControlNet UNet)`
        : contract,
    )
    .metadata(
      'weft.computes',
      controlnet
        ? `${computes}; the first nine mid-residual channels add to the log prior, one per item`
        : computes,
    );
}

export function buildUnet(options: { controlnet?: boolean } = {}): Uint8Array {
  const controlnet = options.controlnet ?? false;
  const model = new OnnxBuilder(controlnet ? 'toy_sd_unet_controlnet' : 'toy_sd_unet');
  const latentDims = ['batch', LATENT_CHANNELS, LATENT_SIZE, LATENT_SIZE] as const;
  const sample = model.input('sample', 'float32', latentDims);
  const timestep = model.input('timestep', 'float32', ['timestep_batch']);
  const hidden = model.input('encoder_hidden_states', 'float32', [
    'batch',
    MAX_LENGTH,
    HIDDEN_SIZE,
  ]);
  const residuals = controlnet
    ? CONTROL_RESIDUALS.map((spec) =>
        model.input(spec.name, 'float32', ['batch', spec.channels, spec.size, spec.size]),
      )
    : [];

  const latents = Float32Array.from(scaledLatents().flatMap((z) => [...z]));
  const dataset = model.constant(new Tensor('float32', [ITEMS.length, LATENT_LENGTH], latents));
  const x = model.op('Reshape', [sample, model.ints([-1, LATENT_LENGTH])]);
  const alphaBar = alphaBarOf(model, timestep);
  let logits = model.op('Add', [
    logLikelihoodOf(model, x, alphaBar, dataset),
    promptLogPriorOf(model, hidden),
  ]);
  if (controlnet) {
    const mid = residuals[CONTROL_RESIDUALS.findIndex((spec) => spec.name === MID_RESIDUAL)]!;
    logits = model.op('Add', [logits, controlScoresOf(model, mid)]);
  }

  epsilonOutput(model, x, alphaBar, logits, dataset);
  label(model, controlnet);
  return model.build();
}

/** Writes `out_sample`: x̂0 = Σ wᵢ zᵢ with w = softmax(logits); ε̂ = (x − √ᾱ x̂0) / √(1 − ᾱ). */
export function epsilonOutput(
  model: OnnxBuilder,
  x: string,
  alphaBar: string,
  logits: string,
  dataset: string,
): void {
  const weights = model.op('Softmax', [logits], { axis: -1 });
  const denoised = model.op('MatMul', [weights, dataset]);
  const epsilon = model.op('Div', [
    model.op('Sub', [x, model.op('Mul', [model.op('Sqrt', [alphaBar]), denoised])]),
    model.op('Sqrt', [model.op('Sub', [model.floats([1], []), alphaBar])]),
  ]);
  const shape = model.ints([-1, LATENT_CHANNELS, LATENT_SIZE, LATENT_SIZE]);
  model.op('Reshape', [epsilon, shape], {}, 'out_sample');
  model.output('out_sample', 'float32', ['batch', LATENT_CHANNELS, LATENT_SIZE, LATENT_SIZE]);
}
