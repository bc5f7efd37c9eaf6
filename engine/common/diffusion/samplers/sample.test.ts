import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../schedulerConfig.ts';
import { TorchGenerator } from '../torchRandom.ts';
import { sample } from './sample.ts';
import { initialNoiseScale, samplingSchedule } from './schedule.ts';
import { DEFAULT_CONFIG, gaussianDenoiser, handSchedule } from './testing.ts';
import type { SamplerName, StepInfo } from './types.ts';

const SD = parseSchedulerConfig({
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  beta_end: 0.012,
  set_alpha_to_one: false,
  steps_offset: 1,
});
const unitData = gaussianDenoiser(0, 1);

/** txt2img as the node does it: one generator, the starting latent first, then one draw per step. */
async function seeded(sampler: SamplerName, seed: number, steps = 6): Promise<Float32Array> {
  const generator = new TorchGenerator(seed);
  const schedule = samplingSchedule(SD, sampler, 'normal', steps);
  const start = generator.randn([2, 4, 2, 2]).data;
  return sample({
    sampler,
    schedule,
    latent: start.map((value) => value * initialNoiseScale(schedule)),
    denoise: unitData,
    noise: () => generator.randn([2, 4, 2, 2]).data,
    config: SD,
  });
}

describe('sample', () => {
  it('reports every step in order, each x being the next step’s input', async () => {
    const reports: StepInfo[] = [];
    const inputs: Float32Array[] = [];
    const final = await sample({
      sampler: 'euler',
      schedule: handSchedule([4, 2, 1, 0.5, 0]),
      latent: Float32Array.of(3, -1),
      denoise: async (x, sigma, timestep) => {
        inputs.push(x);
        return unitData(x, sigma, timestep);
      },
      noise: () => new Float32Array(2),
      config: DEFAULT_CONFIG,
      onStep: (info) => reports.push(info),
    });
    expect(reports.map(({ step, total }) => [step, total])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect(inputs.slice(1)).toEqual(reports.slice(0, 3).map((report) => report.x));
    expect(reports[3]!.x).toBe(final);
    // Euler 4 → 2 on unit data: x + (x − x/17)·(2 − 4)/4 = (9/17)·x.
    expect(reports[0]!.x[0]).toBeCloseTo((3 * 9) / 17, 6);
  });

  it('stops between steps when the signal aborts, throwing its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('Cancelled by the user');
    let calls = 0;
    const run = sample({
      sampler: 'heun',
      schedule: handSchedule([4, 2, 1, 0.5, 0]),
      latent: Float32Array.of(3, -1),
      denoise: async (x, sigma, timestep) => {
        calls++;
        return unitData(x, sigma, timestep);
      },
      noise: () => new Float32Array(2),
      config: DEFAULT_CONFIG,
      signal: controller.signal,
      onStep: ({ step }) => {
        if (step === 2) controller.abort(reason);
      },
    });
    await expect(run).rejects.toBe(reason);
    // Two Heun steps, two model calls each; the third step never started.
    expect(calls).toBe(4);
  });

  it('an already aborted signal runs no step', async () => {
    let calls = 0;
    const run = sample({
      sampler: 'euler',
      schedule: handSchedule([1, 0]),
      latent: Float32Array.of(1),
      denoise: async (x) => {
        calls++;
        return x;
      },
      noise: () => new Float32Array(1),
      config: DEFAULT_CONFIG,
      signal: AbortSignal.abort(new Error('stopped')),
    });
    await expect(run).rejects.toThrow('stopped');
    expect(calls).toBe(0);
  });

  it('returns LCM’s last denoised estimate', async () => {
    let lastDenoised: Float32Array | undefined;
    const final = await sample({
      sampler: 'lcm',
      schedule: samplingSchedule(SD, 'lcm', 'normal', 4),
      latent: Float32Array.of(14, -7, 3),
      denoise: unitData,
      noise: () => Float32Array.of(0.5, 0.5, 0.5),
      config: SD,
      onStep: ({ denoised }) => (lastDenoised = denoised),
    });
    expect(final).toBe(lastDenoised);
  });

  it('the same seed gives identical bytes; another seed differs (ancestral and SDE)', async () => {
    for (const sampler of ['euler_ancestral', 'dpmpp_2m_sde'] as const) {
      const first = await seeded(sampler, 42);
      expect(Buffer.from(first.buffer)).toEqual(Buffer.from((await seeded(sampler, 42)).buffer));
      expect(Buffer.from(first.buffer)).not.toEqual(
        Buffer.from((await seeded(sampler, 43)).buffer),
      );
    }
  });

  it('rejects a schedule with fewer timesteps than steps', async () => {
    const run = sample({
      sampler: 'euler',
      schedule: { sigmas: Float32Array.of(2, 1, 0), timesteps: Float64Array.of(500) },
      latent: Float32Array.of(1),
      denoise: unitData,
      noise: () => new Float32Array(1),
      config: DEFAULT_CONFIG,
    });
    await expect(run).rejects.toThrow('The sampling schedule has 2 steps but 1 timesteps');
  });
});
