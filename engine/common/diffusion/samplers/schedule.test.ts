import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../schedulerConfig.ts';
import { initialNoiseScale, samplingSchedule } from './schedule.ts';

/** Stable Diffusion 1.x's scheduler_config.json (PNDM's, read by every sampler). */
const SD = parseSchedulerConfig({
  _class_name: 'PNDMScheduler',
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  beta_end: 0.012,
  num_train_timesteps: 1000,
  set_alpha_to_one: false,
  skip_prk_steps: true,
  steps_offset: 1,
  timestep_spacing: 'leading',
});
const LINSPACE = { ...SD, timestep_spacing: 'linspace' as const };

const rounded = (values: ArrayLike<number>, digits = 6) =>
  Array.from(values, (value) => Number(value.toFixed(digits)));

describe('samplingSchedule', () => {
  it('Euler, linspace, 20 steps: diffusers’ interpolated sigmas ending in 0, x_T = noise × σmax', () => {
    const schedule = samplingSchedule(LINSPACE, 'euler', 'normal', 20);
    expect(rounded(schedule.sigmas.subarray(0, 3))).toEqual([14.614645, 10.746849, 8.081535]);
    expect(rounded(schedule.sigmas.subarray(18))).toEqual([0.232168, 0.029168, 0]);
    expect(schedule.timesteps[0]).toBe(999);
    expect(schedule.timesteps[1]).toBeCloseTo(946.421, 3);
    expect(initialNoiseScale(schedule)).toBe(schedule.sigmas[0]);
  });

  it('Euler, leading + offset 1: σ at 951 … 1 and x_T = noise × √(σmax² + 1)', () => {
    const schedule = samplingSchedule(SD, 'dpmpp_2m', 'normal', 20);
    expect(Array.from(schedule.timesteps.subarray(0, 2))).toEqual([951, 901]);
    expect(schedule.timesteps[19]).toBe(1);
    expect(rounded(schedule.sigmas.subarray(0, 2))).toEqual([11.028335, 8.390687]);
    expect(initialNoiseScale(schedule)).toBeCloseTo(Math.sqrt(11.028335 ** 2 + 1), 5);
  });

  it('DDIM, 50 steps leading with offset 1: 981 … 1 at σ(t), ending at σ(ᾱ[0]) without set_alpha_to_one', () => {
    const schedule = samplingSchedule(SD, 'ddim', 'normal', 50);
    expect(Array.from(schedule.timesteps.subarray(0, 3))).toEqual([981, 961, 941]);
    expect(Array.from(schedule.timesteps.subarray(47))).toEqual([41, 21, 1]);
    expect(schedule.sigmas).toHaveLength(51);
    expect(rounded(schedule.sigmas.subarray(0, 1))).toEqual([13.120415]);
    // √((1 − ᾱ[0])/ᾱ[0]) with ᾱ[0] = 0.99914998.
    expect(schedule.sigmas[50]).toBeCloseTo(Math.sqrt((1 - 0.99914998) / 0.99914998), 6);
    expect(initialNoiseScale(schedule)).toBeCloseTo(Math.sqrt(13.120415 ** 2 + 1), 5);
    const toOne = samplingSchedule({ ...SD, set_alpha_to_one: true }, 'ddim', 'normal', 50);
    expect(toOne.sigmas[50]).toBe(0);
  });

  it('LCM, 4 steps: 999, 759, 499, 259 from the origin grid, ending in 0', () => {
    const schedule = samplingSchedule(SD, 'lcm', 'normal', 4);
    expect(Array.from(schedule.timesteps)).toEqual([999, 759, 499, 259]);
    expect(rounded(schedule.sigmas)).toEqual([14.614645, 4.260558, 1.612887, 0.71938, 0]);
  });

  it('Karras, 10 steps: σmax 14.6146 to σmin 0.0292 of the training sigmas, timesteps from σ', () => {
    const schedule = samplingSchedule(SD, 'heun', 'karras', 10);
    expect(rounded(schedule.sigmas, 4)).toEqual([
      14.6146, 9.1029, 5.4784, 3.1686, 1.7494, 0.9141, 0.4469, 0.2014, 0.0819, 0.0292, 0,
    ]);
    expect(schedule.timesteps[0]).toBe(999);
    expect(schedule.timesteps[9]).toBe(0);
    expect(schedule.timesteps[4]).toBeCloseTo(523.199, 3);
    // DDIM runs on the same sigmas, but starts as a VP sampler does.
    const ddim = samplingSchedule(LINSPACE, 'ddim', 'karras', 10);
    expect(ddim.sigmas).toEqual(schedule.sigmas);
    expect(initialNoiseScale(ddim)).toBeCloseTo(Math.sqrt(14.614645 ** 2 + 1), 5);
    // …where Euler on a linspace config starts at σmax itself.
    expect(initialNoiseScale(samplingSchedule(LINSPACE, 'euler', 'karras', 10))).toBe(
      schedule.sigmas[0],
    );
  });

  it('Karras honours the config’s sigma_min / sigma_max (the issue’s rounded 0.0292 … 14.6146 vector)', () => {
    const config = { ...SD, sigma_min: 0.0292, sigma_max: 14.6146 };
    const { sigmas } = samplingSchedule(config, 'euler', 'karras', 10);
    expect(rounded(sigmas, 4)).toEqual([
      14.6146, 9.1034, 5.479, 3.1692, 1.7499, 0.9144, 0.4471, 0.2015, 0.082, 0.0292, 0,
    ]);
  });

  it('exponential, 5 steps: evenly spaced in ln σ', () => {
    const { sigmas } = samplingSchedule(LINSPACE, 'euler', 'exponential', 5);
    const ratios = Array.from({ length: 3 }, (_, i) => sigmas[i + 1]! / sigmas[i]!);
    ratios.forEach((ratio) => expect(ratio).toBeCloseTo((0.0291675 / 14.614645) ** 0.25, 5));
    expect(sigmas[5]).toBe(0);
  });

  it('img2img keeps the last ⌊steps × strength⌋ steps, as diffusers’ get_timesteps', () => {
    const full = samplingSchedule(SD, 'euler', 'normal', 20);
    const part = samplingSchedule(SD, 'euler', 'normal', 20, 0.3);
    expect(Array.from(part.timesteps)).toEqual([251, 201, 151, 101, 51, 1]);
    expect(part.sigmas).toEqual(full.sigmas.subarray(14));
    // 100 × 0.29 is 28.999999999999996 in floating point: Python's int() keeps 28.
    expect(samplingSchedule(SD, 'ddim', 'normal', 100, 0.29).timesteps).toHaveLength(28);
    expect(() => samplingSchedule(SD, 'euler', 'normal', 20, 0.04)).toThrow(
      /Denoise 0.04 with 20 steps leaves no step to run/,
    );
    expect(() => samplingSchedule(SD, 'euler', 'normal', 20, 0)).toThrow(/Denoise must be/);
  });

  it('LCM img2img shrinks the origin grid instead and still runs every step', () => {
    const schedule = samplingSchedule(SD, 'lcm', 'normal', 4, 0.5);
    expect(Array.from(schedule.timesteps)).toEqual([499, 379, 259, 139]);
  });
});
