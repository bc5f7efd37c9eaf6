/**
 * Runs a sampler over a schedule: one step per schedule interval, the
 * cancellation signal checked before each (throwing the signal's reason),
 * every step reported. Returns the final latent; for LCM that is the last
 * step's denoised estimate (which is also its last x), for DDIM the VP
 * latent diffusers returns (ddim.ts). Pure.
 */
import type { SchedulerConfig } from '../schedulerConfig.ts';
import { logSigmas, sigmaToTimestep } from '../sigmaSchedules.ts';
import { ddim } from './ddim.ts';
import { dpm2 } from './dpm2.ts';
import { dpmpp2m } from './dpmpp2m.ts';
import { dpmpp2mSde } from './dpmpp2mSde.ts';
import { euler } from './euler.ts';
import { eulerAncestral } from './eulerAncestral.ts';
import { heun } from './heun.ts';
import { lcm } from './lcm.ts';
import { trainingSigmaTable } from './schedule.ts';
import type { SamplerFactory, SamplerRun } from './step.ts';
import type { Denoiser, SamplerName, SamplingSchedule, StepInfo } from './types.ts';

export const SAMPLER_FACTORIES: Record<SamplerName, SamplerFactory> = {
  euler,
  euler_ancestral: eulerAncestral,
  heun,
  dpm_2: dpm2,
  dpmpp_2m: dpmpp2m,
  dpmpp_2m_sde: dpmpp2mSde,
  ddim,
  lcm,
};

export interface SampleOptions {
  sampler: SamplerName;
  schedule: SamplingSchedule;
  /** The starting x in sigma space, already scaled (noise × initialNoiseScale, or x0 + σ0·noise). */
  latent: Float32Array;
  denoise: Denoiser;
  /** A standard normal draw of the latent's size, for ancestral and SDE steps. */
  noise: () => Float32Array;
  signal?: AbortSignal;
  onStep?: (info: StepInfo) => void;
  config: SchedulerConfig;
}

export async function sample(options: SampleOptions): Promise<Float32Array> {
  const { schedule, signal } = options;
  const total = schedule.sigmas.length - 1;
  if (schedule.timesteps.length < total) {
    throw new Error(
      `The sampling schedule has ${total} steps but ${schedule.timesteps.length} timesteps`,
    );
  }
  const run: SamplerRun = {
    schedule,
    denoise: options.denoise,
    noise: options.noise,
    timestepOf: timestepLookup(options.config),
    config: options.config,
  };
  const step = SAMPLER_FACTORIES[options.sampler](run);
  let x = options.latent;
  for (let index = 0; index < total; index++) {
    signal?.throwIfAborted();
    const result = await step(x, index);
    x = options.sampler === 'lcm' && index === total - 1 ? result.denoised : result.x;
    options.onStep?.({ step: index + 1, total, x, denoised: result.denoised });
  }
  return x;
}

/** diffusers' _sigma_to_t on the config's training sigmas, float32 as the Euler family stores it. */
function timestepLookup(config: SchedulerConfig): (sigma: number) => number {
  let table: Float32Array | undefined;
  return (sigma) => {
    table ??= logSigmas(trainingSigmaTable(config));
    return Math.fround(sigmaToTimestep(sigma, table));
  };
}
