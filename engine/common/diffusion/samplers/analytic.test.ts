/**
 * Samplers against denoisers whose exact answers are known (testing.ts):
 * data that is one point μ, and data ~ N(μ, s²), for which the
 * probability-flow ODE keeps (x − μ)/√(s² + σ²) constant.
 */
import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig, type SchedulerConfig } from '../schedulerConfig.ts';
import { exponentialSigmas } from '../sigmaSchedules.ts';
import { TorchGenerator } from '../torchRandom.ts';
import { alphasCumprod, trainingSigmas } from '../trainingSchedule.ts';
import { sample } from './sample.ts';
import { initialNoiseScale, samplingSchedule } from './schedule.ts';
import {
  DEFAULT_CONFIG,
  exactFlow,
  gaussianDenoiser,
  handSchedule,
  maxDifference,
} from './testing.ts';
import { SAMPLERS, type Denoiser, type SamplerName, type SchedulerName } from './types.ts';

const SD = parseSchedulerConfig({
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  beta_end: 0.012,
  set_alpha_to_one: true,
  steps_offset: 1,
});
/** DDPM's linear betas: a schedule that does not match a model trained on SD's. */
const DDPM = parseSchedulerConfig({
  ...SD,
  beta_schedule: 'linear',
  beta_start: 0.0001,
  beta_end: 0.02,
});
const MEAN = 0.4;
const SPREAD = 0.8;

function randn(seed: number, count: number): Float32Array {
  return new TorchGenerator(seed).randn([count]).data;
}

function noiseSource(seed: number, count: number): () => Float32Array {
  const generator = new TorchGenerator(seed);
  return () => generator.randn([count]).data;
}

async function run(
  sampler: SamplerName,
  scheduler: SchedulerName,
  steps: number,
  denoise: Denoiser,
  config: SchedulerConfig = SD,
  start = randn(1, 64),
): Promise<{ x: Float32Array; start: Float32Array; first: number; last: number }> {
  const schedule = samplingSchedule(config, sampler, scheduler, steps);
  const latent = start.map((value) => value * initialNoiseScale(schedule));
  const x = await sample({
    sampler,
    schedule,
    latent,
    denoise,
    noise: noiseSource(2, start.length),
    config: SD,
  });
  const sigmas = schedule.sigmas;
  return { x, start: latent, first: sigmas[0]!, last: sigmas[sigmas.length - 1]! };
}

/**
 * An ε-model trained on SD's schedule: it knows σ only through the timestep
 * (log-σ interpolation between training steps), as a real UNet does. The
 * wrapper is the node's: x0 = x − σ·ε(x/√(σ² + 1), t).
 */
function sdTrainedDenoiser(mean: number, spread: number): Denoiser {
  const table = trainingSigmas(alphasCumprod(SD));
  const sigmaOf = (timestep: number) => {
    const low = Math.min(Math.floor(timestep), table.length - 2);
    const weight = timestep - low;
    return Math.exp((1 - weight) * Math.log(table[low]!) + weight * Math.log(table[low + 1]!));
  };
  return async (x, sigma, timestep) => {
    const trained = sigmaOf(timestep);
    return x.map((value) => {
      const input = value / Math.sqrt(sigma * sigma + 1);
      const noisy = input * Math.sqrt(trained * trained + 1);
      const x0 = mean + (spread ** 2 / (spread ** 2 + trained ** 2)) * (noisy - mean);
      return value - (sigma * (noisy - x0)) / trained;
    });
  };
}

describe('single-point data: every sampler ends on the point', () => {
  const point = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * 1.5);
  const always: Denoiser = async () => point;
  const cases = SAMPLERS.flatMap((sampler) =>
    (['normal', 'karras'] as const)
      // LCM's boundary condition is the identity near t = 0, where Karras ends.
      .filter((scheduler) => sampler !== 'lcm' || scheduler === 'normal')
      .map((scheduler) => [sampler, scheduler] as const),
  );

  it.each(cases)('%s, %s', async (sampler, scheduler) => {
    const { x } = await run(sampler, scheduler, sampler === 'lcm' ? 4 : 20, always);
    expect(maxDifference(x, point)).toBeLessThan(1e-5);
  });

  it('DDIM without set_alpha_to_one stops at σ(ᾱ[0]) and returns the VP latent there', async () => {
    const config = { ...SD, set_alpha_to_one: false };
    const { x, start, first, last } = await run('ddim', 'normal', 20, always, config);
    expect(last).toBeCloseTo(0.0291675, 6);
    const expected = point.map(
      (value, i) => (value + (last / first) * (start[i]! - value)) / Math.sqrt(last * last + 1),
    );
    expect(maxDifference(x, expected)).toBeLessThan(1e-5);
    expect(maxDifference(x, point)).toBeGreaterThan(0.01);
  });
});

describe('Gaussian data: deterministic samplers converge to the exact flow', () => {
  async function error(sampler: SamplerName, steps: number): Promise<number> {
    const schedule = handSchedule(exponentialSigmas(0.1, 10, steps + 1));
    const latent = Float32Array.from({ length: 8 }, (_, i) => (10 * (i - 3.5)) / 3);
    const x = await sample({
      sampler,
      schedule,
      latent,
      denoise: gaussianDenoiser(MEAN, SPREAD),
      noise: () => new Float32Array(8),
      config: DEFAULT_CONFIG,
    });
    return maxDifference(x, exactFlow(latent, MEAN, SPREAD, 10, Math.fround(0.1)));
  }

  it('euler is first order; heun, dpm_2 and dpmpp_2m second order (σ 10 → 0.1, log-spaced)', async () => {
    const errors = new Map<SamplerName, number[]>();
    for (const sampler of ['euler', 'heun', 'dpm_2', 'dpmpp_2m'] as const) {
      errors.set(sampler, [
        await error(sampler, 16),
        await error(sampler, 32),
        await error(sampler, 64),
      ]);
    }
    const ratios = (sampler: SamplerName) => {
      const [a, b, c] = errors.get(sampler)!;
      return [a! / b!, b! / c!];
    };
    // Doubling the steps halves Euler's error and quarters the others'.
    ratios('euler').forEach((ratio) => expect(ratio).toBeGreaterThan(1.8));
    ratios('euler').forEach((ratio) => expect(ratio).toBeLessThan(2.2));
    for (const sampler of ['heun', 'dpm_2', 'dpmpp_2m'] as const) {
      ratios(sampler).forEach((ratio) => expect(ratio).toBeGreaterThan(3.5));
      ratios(sampler).forEach((ratio) => expect(ratio).toBeLessThan(4.5));
      expect(errors.get(sampler)![0]).toBeLessThan(errors.get('euler')![0]! / 5);
    }
    expect(errors.get('euler')![2]).toBeLessThan(0.02);
  });

  async function relativeError(
    sampler: SamplerName,
    scheduler: SchedulerName,
    config: SchedulerConfig,
  ): Promise<number> {
    const { x, start, first } = await run(
      sampler,
      scheduler,
      40,
      sdTrainedDenoiser(MEAN, SPREAD),
      config,
    );
    const exact = exactFlow(start, MEAN, SPREAD, first, 0);
    return maxDifference(x, exact) / maxDifference(exact, new Float64Array(64).fill(MEAN));
  }

  const deterministic = ['euler', 'heun', 'dpm_2', 'dpmpp_2m', 'ddim'] as const;
  it.each(deterministic.flatMap((s) => [[s, 'normal'] as const, [s, 'karras'] as const]))(
    '%s, %s, 40 steps on SD’s schedule with an SD-trained model: within 5 %% of the exact answer',
    async (sampler, scheduler) => {
      expect(await relativeError(sampler, scheduler, SD)).toBeLessThan(0.05);
    },
  );

  it.each(['euler', 'heun', 'dpmpp_2m', 'ddim'] as const)(
    '%s on DDPM’s linear-beta sigmas with the same model fails that check',
    async (sampler) => {
      expect(await relativeError(sampler, 'normal', DDPM)).toBeGreaterThan(0.15);
      expect(await relativeError(sampler, 'karras', DDPM)).toBeGreaterThan(0.15);
    },
  );
});

describe('Gaussian data: samples have the data’s distribution', () => {
  function moments(values: Float32Array): { mean: number; deviation: number } {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    return { mean, deviation: Math.sqrt(variance) };
  }

  // Their injected noise sets the spread, so these check σ_up and the SDE's noise term.
  // Euler ancestral is first order in distribution and needs many steps.
  it.each([
    ['euler_ancestral', 200],
    ['dpmpp_2m_sde', 30],
  ] as const)(
    '%s, %i Karras steps: mean μ and deviation s within 4 %% (16384 draws)',
    async (sampler, steps) => {
      const { x } = await run(
        sampler,
        'karras',
        steps,
        gaussianDenoiser(MEAN, SPREAD),
        SD,
        randn(5, 16384),
      );
      const { mean, deviation } = moments(x);
      expect(Math.abs(mean - MEAN)).toBeLessThan(0.02);
      expect(Math.abs(deviation / SPREAD - 1)).toBeLessThan(0.04);
    },
  );

  it('a start at plain noise (a VP x_T taken as sigma-space x) collapses the spread', async () => {
    const schedule = samplingSchedule(SD, 'euler', 'karras', 30);
    const x = await sample({
      sampler: 'euler',
      schedule,
      latent: randn(5, 4096),
      denoise: gaussianDenoiser(MEAN, SPREAD),
      noise: noiseSource(2, 4096),
      config: SD,
    });
    expect(moments(x).deviation / SPREAD).toBeLessThan(0.1);
  });
});
