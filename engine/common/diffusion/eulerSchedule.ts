/**
 * The sigma schedule of diffusers' EulerDiscreteScheduler.set_timesteps,
 * which EulerAncestral, Heun and KDPM2 share (Heun and KDPM2 then repeat or
 * interpolate the sigmas; that is the sampler's business):
 *
 *     timesteps (float32, spaced as timesteps.ts describes)
 *     σ = numpy.interp(timesteps, 0 … T − 1, training σ)      (float64)
 *     Karras / exponential: replace σ, recover timesteps with _sigma_to_t
 *     append 0 (final_sigmas_type "zero") or σ[0] ("sigma_min"); float32
 *
 * and its init_noise_sigma: σmax for linspace and trailing spacing,
 * √(σmax² + 1) for leading, in float32. The model input at σ is
 * x / √(σ² + 1). Pure.
 */
import { interp } from './numpyMath.ts';
import { DEFAULT_SPACING, type SchedulerConfig, type TimestepSpacing } from './schedulerConfig.ts';
import { exponentialSigmas, karrasSigmas, logSigmas, sigmaToTimestep } from './sigmaSchedules.ts';
import { eulerTimesteps } from './timesteps.ts';
import { alphasCumprod, trainingSigmas } from './trainingSchedule.ts';

const f32 = Math.fround;

export interface EulerSigmaOptions {
  /** Overrides use_karras_sigmas. */
  karras?: boolean;
  /** Overrides use_exponential_sigmas. */
  exponential?: boolean;
  /** Overrides timestep_spacing. */
  spacing?: TimestepSpacing;
}

export interface SigmaSchedule {
  /** N + 1 float32 sigmas, the last the final one (0 unless final_sigmas_type is sigma_min). */
  sigmas: Float32Array;
  /** N timesteps, float32 values, to give the model at each step. */
  timesteps: Float64Array;
}

export function eulerSigmas(
  config: SchedulerConfig,
  steps: number,
  options: EulerSigmaOptions = {},
): SigmaSchedule {
  const spacing = options.spacing ?? config.timestep_spacing ?? DEFAULT_SPACING.euler;
  const karras = options.karras ?? config.use_karras_sigmas ?? false;
  const exponential = options.exponential ?? config.use_exponential_sigmas ?? false;
  if (config.use_beta_sigmas && options.karras === undefined && options.exponential === undefined) {
    throw new Error(
      'scheduler_config.json asks for beta sigmas (use_beta_sigmas), which Weft does not support yet; pick the Karras or exponential schedule instead',
    );
  }
  if (config.interpolation_type !== 'linear') {
    throw new Error(
      `scheduler_config.json asks for interpolation_type "${config.interpolation_type}"; Weft supports "linear" only`,
    );
  }
  const alphas = alphasCumprod(config);
  // Zero-terminal-SNR schedules end at ᾱ = 0; EulerDiscreteScheduler nudges it to 2⁻²⁴ to keep σ finite.
  if (config.rescale_betas_zero_snr) alphas[alphas.length - 1] = 2 ** -24;
  const table = trainingSigmas(alphas);
  const trainSteps = new Float64Array(table.length);
  for (let t = 0; t < table.length; t++) trainSteps[t] = t;

  let timesteps = eulerTimesteps(config, steps, spacing);
  let sigmas = Array.from(timesteps, (t) => interp(t, trainSteps, table));
  if (karras || exponential) {
    const sigmaMin = config.sigma_min ?? sigmas[sigmas.length - 1]!;
    const sigmaMax = config.sigma_max ?? sigmas[0]!;
    sigmas = karras
      ? karrasSigmas(sigmaMin, sigmaMax, steps)
      : exponentialSigmas(sigmaMin, sigmaMax, steps);
    const logTable = logSigmas(table);
    timesteps = Float64Array.from(sigmas, (sigma) => f32(sigmaToTimestep(sigma, logTable)));
  }
  const finalSigma = config.final_sigmas_type === 'sigma_min' ? table[0]! : 0;
  const result = Float32Array.from([...sigmas, finalSigma]);
  if (config.timestep_type === 'continuous' && config.prediction_type === 'v_prediction') {
    // EDM-style models take 0.25·ln σ as their timestep.
    timesteps = Float64Array.from(result.subarray(0, steps), (sigma) =>
      f32(0.25 * f32(Math.log(sigma))),
    );
  }
  return { sigmas: result, timesteps };
}

/** Standard deviation of the starting noise (EulerDiscreteScheduler.init_noise_sigma), float32. */
export function initNoiseSigma(
  config: Pick<SchedulerConfig, 'timestep_spacing'>,
  sigmas: Float32Array,
  spacing: TimestepSpacing = config.timestep_spacing ?? DEFAULT_SPACING.euler,
): number {
  const sigmaMax = sigmas.reduce((max, sigma) => Math.max(max, sigma), 0);
  if (spacing === 'linspace' || spacing === 'trailing') return sigmaMax;
  return f32(Math.sqrt(f32(f32(sigmaMax * sigmaMax) + 1)));
}
