/**
 * The schedule of diffusers' DPMSolverMultistepScheduler.set_timesteps
 * (DPM-Solver++ 2M and its SDE variant). It differs from Euler's:
 * - linspace spacing takes N + 1 points of linspace(0, T − 1) and drops the
 *   last (so 20 steps start 999, 949, …), rounded half to even; leading uses
 *   ratio ⌊T/(N + 1)⌋; trailing is as DDIM's. Timesteps are whole numbers.
 * - Karras and exponential schedules span the full training range,
 *   σmin = σ[0] to σmax = σ[T − 1] (the class has no sigma_min/sigma_max);
 *   Karras timesteps are rounded, exponential ones truncated (int64 cast);
 *   the final sigma repeats the last one.
 * - Otherwise the final sigma is 0 (final_sigmas_type "zero", the default)
 *   or σ[0] ("sigma_min").
 * The model input is not scaled and init_noise_sigma is 1.
 * (lambda_min_clipped is taken as −∞, diffusers' default.) Pure.
 */
import { arange, interp, linspace, roundHalfEven } from './numpyMath.ts';
import { DEFAULT_SPACING, type SchedulerConfig, type TimestepSpacing } from './schedulerConfig.ts';
import type { SigmaSchedule } from './eulerSchedule.ts';
import { exponentialSigmas, karrasSigmas, logSigmas, sigmaToTimestep } from './sigmaSchedules.ts';
import { checkSteps } from './timesteps.ts';
import { alphasCumprod, trainingSigmas } from './trainingSchedule.ts';

export interface DpmSolverSigmaOptions {
  karras?: boolean;
  exponential?: boolean;
  spacing?: TimestepSpacing;
}

export function dpmSolverTimesteps(
  config: Pick<SchedulerConfig, 'num_train_timesteps' | 'steps_offset' | 'timestep_spacing'>,
  steps: number,
  spacing: TimestepSpacing = config.timestep_spacing ?? DEFAULT_SPACING.dpmSolver,
): Float64Array {
  checkSteps(config, steps);
  const last = config.num_train_timesteps;
  let values: number[];
  if (spacing === 'linspace') {
    values = linspace(0, last - 1, steps + 1)
      .map(roundHalfEven)
      .reverse()
      .slice(0, steps);
  } else if (spacing === 'leading') {
    const ratio = Math.floor(last / (steps + 1));
    values = Array.from({ length: steps }, (_, i) => (steps - i) * ratio + config.steps_offset);
  } else {
    values = arange(last, 0, -config.num_train_timesteps / steps).map((t) => roundHalfEven(t) - 1);
  }
  return Float64Array.from(values);
}

export function dpmSolverSigmas(
  config: SchedulerConfig,
  steps: number,
  options: DpmSolverSigmaOptions = {},
): SigmaSchedule {
  const karras = options.karras ?? config.use_karras_sigmas ?? false;
  const exponential = options.exponential ?? config.use_exponential_sigmas ?? false;
  const table = trainingSigmas(alphasCumprod(config));
  let timesteps = dpmSolverTimesteps(config, steps, options.spacing);
  if (karras || exponential) {
    const sigmaMin = table[0]!;
    const sigmaMax = table[table.length - 1]!;
    const sigmas = karras
      ? karrasSigmas(sigmaMin, sigmaMax, steps)
      : exponentialSigmas(sigmaMin, sigmaMax, steps);
    const logTable = logSigmas(table);
    const toWhole = karras ? roundHalfEven : Math.trunc;
    timesteps = Float64Array.from(sigmas, (sigma) => toWhole(sigmaToTimestep(sigma, logTable)));
    return { sigmas: Float32Array.from([...sigmas, sigmas[sigmas.length - 1]!]), timesteps };
  }
  const trainSteps = Float64Array.from(table, (_, t) => t);
  const sigmas = Array.from(timesteps, (t) => interp(t, trainSteps, table));
  const finalSigma = config.final_sigmas_type === 'sigma_min' ? table[0]! : 0;
  return { sigmas: Float32Array.from([...sigmas, finalSigma]), timesteps };
}
