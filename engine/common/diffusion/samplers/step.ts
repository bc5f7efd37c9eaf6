/**
 * What each sampler file exports: a factory that takes one run (schedule,
 * denoiser, noise source) and returns its step function. The step function
 * is stateful where the method is multistep (DPM++ 2M keeps the previous
 * x0 estimate), so make a fresh one per run. sample.ts drives it; tests call
 * it directly for one-step numbers. Arithmetic is float64 per element, each
 * new latent rounded to float32 once. Pure.
 */
import type { SchedulerConfig } from '../schedulerConfig.ts';
import type { Denoiser, SamplingSchedule } from './types.ts';

export interface SamplerRun {
  schedule: SamplingSchedule;
  denoise: Denoiser;
  /** One standard normal draw of the latent's size (the node passes its torch generator). */
  noise: () => Float32Array;
  /** The model timestep for a σ that is not a schedule entry (DPM2's midpoints). */
  timestepOf: (sigma: number) => number;
  config: SchedulerConfig;
}

export interface StepResult {
  /** The latent after the step, at σ = sigmas[index + 1]. */
  x: Float32Array;
  /** The model's x0 estimate at σ = sigmas[index]. */
  denoised: Float32Array;
}

/** Runs step `index` (σ from sigmas[index] to sigmas[index + 1]) from x. */
export type SamplerStep = (x: Float32Array, index: number) => Promise<StepResult>;

export type SamplerFactory = (run: SamplerRun) => SamplerStep;

/** σ at both ends of step `index`. */
export function stepSigmas(schedule: SamplingSchedule, index: number): [number, number] {
  const sigma = schedule.sigmas[index];
  const next = schedule.sigmas[index + 1];
  if (sigma === undefined || next === undefined) {
    throw new RangeError(
      `Sampler step ${index} is outside the schedule (${schedule.sigmas.length - 1} steps)`,
    );
  }
  return [sigma, next];
}

/** The model timestep of step `index`. */
export function stepTimestep(schedule: SamplingSchedule, index: number): number {
  const timestep = schedule.timesteps[index];
  if (timestep === undefined) {
    throw new RangeError(`The schedule has no timestep for step ${index}`);
  }
  return timestep;
}

/** A fresh noise draw, checked against the latent's length. */
export function drawNoise(run: SamplerRun, length: number): Float32Array {
  const noise = run.noise();
  if (noise.length !== length) {
    throw new Error(
      `The sampler's noise source gave ${noise.length} values for a latent of ${length}`,
    );
  }
  return noise;
}
