/**
 * Test helpers for the samplers: a run over a hand-made schedule, and
 * analytic denoisers whose exact answers are known. Test-only.
 */
import { parseSchedulerConfig } from '../schedulerConfig.ts';
import type { SamplerRun } from './step.ts';
import type { Denoiser, SamplingSchedule } from './types.ts';

export const DEFAULT_CONFIG = parseSchedulerConfig({});

export function handSchedule(sigmas: number[], timesteps?: number[]): SamplingSchedule {
  return {
    sigmas: Float32Array.from(sigmas),
    timesteps: Float64Array.from(timesteps ?? sigmas.slice(0, -1).map((_, i) => 900 - 100 * i)),
  };
}

export interface RecordedCall {
  sigma: number;
  timestep: number;
}

/** A SamplerRun whose calls to the denoiser are recorded; noise comes from a list of draws. */
export function recordingRun(
  schedule: SamplingSchedule,
  denoise: Denoiser,
  draws: Float32Array[] = [],
): { run: SamplerRun; calls: RecordedCall[]; noiseDraws: () => number } {
  const calls: RecordedCall[] = [];
  let drawn = 0;
  const run: SamplerRun = {
    schedule,
    denoise: (x, sigma, timestep) => {
      calls.push({ sigma, timestep });
      return denoise(x, sigma, timestep);
    },
    noise: () => {
      const draw = draws[drawn++];
      if (draw === undefined) throw new Error('The test ran out of noise draws');
      return draw;
    },
    timestepOf: (sigma) => 1000 + sigma,
    config: DEFAULT_CONFIG,
  };
  return { run, calls, noiseDraws: () => drawn };
}

/**
 * The exact posterior mean when every data value is μ + s·(standard normal):
 * x0 = μ + s²/(s² + σ²)·(x − μ). Along the probability-flow ODE
 * (x − μ)/√(s² + σ²) is constant, so exactFlow gives the answer at any σ.
 */
export function gaussianDenoiser(mean: number, spread: number): Denoiser {
  return async (x, sigma) => {
    const keep = spread ** 2 / (spread ** 2 + sigma ** 2);
    return Float32Array.from(x, (value) => mean + keep * (value - mean));
  };
}

export function exactFlow(
  x: ArrayLike<number>,
  mean: number,
  spread: number,
  sigmaFrom: number,
  sigmaTo: number,
): Float64Array {
  const ratio = Math.sqrt(spread ** 2 + sigmaTo ** 2) / Math.sqrt(spread ** 2 + sigmaFrom ** 2);
  return Float64Array.from(x, (value) => mean + (value - mean) * ratio);
}

export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}
