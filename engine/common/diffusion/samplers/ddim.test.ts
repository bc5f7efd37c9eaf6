/**
 * DDIM with eta 0 is the Euler step in sigma space (ddim.ts derives it):
 * the textbook DDIM loop in VP form, in float64, and sample('ddim') through
 * a sigma-space wrapper of the same ε-model walk the same path.
 */
import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../schedulerConfig.ts';
import { TorchGenerator } from '../torchRandom.ts';
import { alphasCumprod } from '../trainingSchedule.ts';
import { sample } from './sample.ts';
import { initialNoiseScale, samplingSchedule } from './schedule.ts';
import { maxDifference } from './testing.ts';

const SD = parseSchedulerConfig({
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  beta_end: 0.012,
  set_alpha_to_one: false,
  steps_offset: 1,
});

/** A made-up ε-model, nonlinear in x and dependent on t. */
function epsilon(xt: ArrayLike<number>, timestep: number): Float64Array {
  return Float64Array.from(xt, (value, i) => Math.tanh(value) * (0.5 + timestep / 2000) + 0.01 * i);
}

describe('ddim', () => {
  it('walks the textbook DDIM path (eta 0), step by step, to diffusers’ final VP latent', async () => {
    const alphas = alphasCumprod(SD);
    const schedule = samplingSchedule(SD, 'ddim', 'normal', 50);
    const start = new TorchGenerator(7).randn([16]).data;

    // Textbook: x_T = noise; x0 = (x_t − √(1 − ᾱ)ε)/√ᾱ; x_prev = √ᾱ_prev·x0 + √(1 − ᾱ_prev)·ε.
    const textbook: Float64Array[] = [];
    let xt = Float64Array.from(start);
    schedule.timesteps.forEach((t, step) => {
      const alpha = alphas[t]!;
      const alphaPrevious = alphas[schedule.timesteps[step + 1] ?? 0]!;
      const noise = epsilon(xt, t);
      xt = xt.map((value, i) => {
        const x0 = (value - Math.sqrt(1 - alpha) * noise[i]!) / Math.sqrt(alpha);
        return Math.sqrt(alphaPrevious) * x0 + Math.sqrt(1 - alphaPrevious) * noise[i]!;
      });
      textbook.push(xt);
    });

    const sigmaSpace: Float32Array[] = [];
    const latent = start.map((value) => value * initialNoiseScale(schedule));
    const final = await sample({
      sampler: 'ddim',
      schedule,
      latent,
      config: SD,
      noise: () => {
        throw new Error('DDIM draws no noise');
      },
      denoise: async (x, sigma, timestep) => {
        const noise = epsilon(
          x.map((value) => value / Math.sqrt(sigma * sigma + 1)),
          timestep,
        );
        return x.map((value, i) => value - sigma * noise[i]!);
      },
      onStep: ({ x }) => sigmaSpace.push(x),
    });

    // Each sigma-space x is the VP latent divided by √ᾱ_prev (the last one is already VP).
    sigmaSpace.slice(0, -1).forEach((x, step) => {
      const next = schedule.sigmas[step + 1]!;
      const asVp = x.map((value) => value / Math.sqrt(next * next + 1));
      expect(maxDifference(asVp, textbook[step]!)).toBeLessThan(2e-6);
    });
    expect(maxDifference(final, textbook[49]!)).toBeLessThan(2e-6);
    // The path moved: the answer is not the start.
    expect(maxDifference(final, start)).toBeGreaterThan(0.1);
  });
});
