/**
 * The training noise schedule (βₜ, ᾱₜ, σₜ for t = 0 … num_train_timesteps − 1)
 * as float32 numbers, computed the way diffusers computes it with PyTorch on
 * an x86 CPU, to the bit:
 *
 *     linear:        betas = torch.linspace(beta_start, beta_end, T, dtype=float32)
 *     scaled_linear: betas = torch.linspace(√beta_start, √beta_end, T, dtype=float32) ** 2
 *     squaredcos_cap_v2: betas_for_alpha_bar (float64, then float32)
 *     alphas_cumprod = torch.cumprod(1.0 − betas, dim=0)
 *     sigmas = ((1 − alphas_cumprod) / alphas_cumprod) ** 0.5
 *
 * torch's CPU linspace (RangeFactoriesKernel.cpp) is float32 with
 * step = (end − start)/(T − 1), counting from `start` below the halfway index
 * and back from `end` above it; its AVX2 build fuses `start + step·i` into one
 * rounding, and fills 8 values at a time as base + k·step from the first of
 * the 8 (so values 500 … 503 of 1000 still count from `start`). torch's CPU
 * cumprod multiplies in double and rounds each output to float32. For SD's
 * schedule this gives ᾱ[0] = 0.99914998 and ᾱ[999] = 0.0046600960 (the
 * plain float32 formula, without the fused rounding and the 8-lane fill, puts
 * 272 of the 1000 βs one ulp off and ends at 0.0046600951). Checked against
 * PyTorch 1.13.1 for linear, scaled_linear and cosine schedules. Pure.
 */
import { fusedMultiplyAddFloat32 as fma } from './float32Fma.ts';
import type { SchedulerConfig } from './schedulerConfig.ts';

const f32 = Math.fround;
const LANES = 8;

type ScheduleFields = Pick<
  SchedulerConfig,
  'num_train_timesteps' | 'beta_start' | 'beta_end' | 'beta_schedule' | 'trained_betas'
> &
  Partial<Pick<SchedulerConfig, 'rescale_betas_zero_snr'>>;

/** βₜ, float32. */
export function betas(config: ScheduleFields): Float32Array {
  const count = config.num_train_timesteps;
  let result: Float32Array;
  if (config.trained_betas) {
    if (config.trained_betas.length !== count) {
      throw new Error(
        `scheduler_config.json lists ${config.trained_betas.length} trained_betas but num_train_timesteps is ${count}`,
      );
    }
    result = Float32Array.from(config.trained_betas);
  } else if (config.beta_schedule === 'linear') {
    result = torchLinspaceFloat32(config.beta_start, config.beta_end, count);
  } else if (config.beta_schedule === 'scaled_linear') {
    result = torchLinspaceFloat32(Math.sqrt(config.beta_start), Math.sqrt(config.beta_end), count);
    for (let t = 0; t < count; t++) result[t] = result[t]! * result[t]!;
  } else {
    result = cosineBetas(count);
  }
  return config.rescale_betas_zero_snr ? rescaleZeroTerminalSnr(result) : result;
}

/** ᾱₜ = Π_{s ≤ t} (1 − β_s), float32 (diffusers' alphas_cumprod). */
export function alphasCumprod(config: ScheduleFields): Float32Array {
  const alphas = betas(config);
  for (let t = 0; t < alphas.length; t++) alphas[t] = 1 - alphas[t]!;
  return cumulativeProduct(alphas);
}

/** σₜ = √((1 − ᾱₜ)/ᾱₜ), float32 as torch computes it, t ascending. */
export function trainingSigmas(alphas: Float32Array): Float32Array {
  const sigmas = new Float32Array(alphas.length);
  for (let t = 0; t < alphas.length; t++) {
    const alpha = alphas[t]!;
    sigmas[t] = Math.sqrt(f32(f32(1 - alpha) / alpha));
  }
  return sigmas;
}

/** DDIM's and LCM's ᾱ before the first training step: 1 or ᾱ[0]. */
export function finalAlphaCumprod(alphas: Float32Array, setAlphaToOne: boolean): number {
  return setAlphaToOne ? 1 : alphas[0]!;
}

/** torch.linspace(start, end, count, dtype=torch.float32) on an x86 CPU with AVX2. */
export function torchLinspaceFloat32(start: number, end: number, count: number): Float32Array {
  const first = f32(start);
  const last = f32(end);
  const step = f32(f32(last - first) / (count - 1));
  const halfway = Math.floor(count / 2);
  const at = (index: number) =>
    index < halfway ? fma(step, index, first) : fma(-step, count - index - 1, last);
  if (count === 1) return Float32Array.of(first);
  const result = new Float32Array(count);
  // Whole blocks of two 8-lane vectors, then one value at a time (cpu_serial_kernel_vec).
  const vectorEnd = count - (count % (2 * LANES));
  for (let base = 0; base < vectorEnd; base += LANES) {
    const value = at(base);
    result[base] = value;
    for (let lane = 1; lane < LANES; lane++) result[base + lane] = value + f32(lane * step);
  }
  for (let index = vectorEnd; index < count; index++) result[index] = at(index);
  return result;
}

/** torch.cumprod on float32: a double running product, each output rounded. */
function cumulativeProduct(values: Float32Array): Float32Array {
  const result = new Float32Array(values.length);
  let product = 1;
  for (let index = 0; index < values.length; index++) {
    product *= values[index]!;
    result[index] = product;
  }
  return result;
}

/** diffusers' betas_for_alpha_bar (Nichol & Dhariwal's cosine schedule), max β 0.999. */
function cosineBetas(count: number): Float32Array {
  const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
  return Float32Array.from({ length: count }, (_, i) =>
    Math.min(1 - alphaBar((i + 1) / count) / alphaBar(i / count), 0.999),
  );
}

/** diffusers' rescale_zero_terminal_snr (Lin et al. 2023), in float32 as torch runs it. */
function rescaleZeroTerminalSnr(betaValues: Float32Array): Float32Array {
  const roots = cumulativeProduct(betaValues.map((beta) => 1 - beta)).map(Math.sqrt);
  const first = roots[0]!;
  const last = roots[roots.length - 1]!;
  const scale = f32(first / f32(first - last));
  const alphaBars = roots.map((root) => {
    const shifted = f32(f32(root - last) * scale);
    return shifted * shifted;
  });
  return alphaBars.map(
    (alphaBar, t) => 1 - (t === 0 ? alphaBar : f32(alphaBar / alphaBars[t - 1]!)),
  );
}
