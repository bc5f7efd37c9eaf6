/**
 * One or two steps of each sampler on a 3-value latent, against numbers
 * derived by hand from k-diffusion's / diffusers' formulas. The denoiser is
 * the exact one for unit-Gaussian data, x0 = x/(1 + σ²), so from σ = 2 to 1
 * every quantity is a simple multiple of x = (1, −2, 0.5).
 */
import { describe, expect, it } from 'vitest';
import { ddim } from './ddim.ts';
import { dpm2 } from './dpm2.ts';
import { dpmpp2m } from './dpmpp2m.ts';
import { dpmpp2mSde } from './dpmpp2mSde.ts';
import { euler } from './euler.ts';
import { ancestralStep, eulerAncestral } from './eulerAncestral.ts';
import { heun } from './heun.ts';
import { lcm } from './lcm.ts';
import { gaussianDenoiser, handSchedule, recordingRun } from './testing.ts';

const X = Float32Array.of(1, -2, 0.5);
const Z1 = Float32Array.of(0.1, 0.2, -0.3);
const Z2 = Float32Array.of(-0.7, 0.4, 1.1);
const unitData = gaussianDenoiser(0, 1);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual).toHaveLength(expected.length);
  Array.from(expected).forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 6));
}
const times = (factor: number) => Array.from(X, (value) => factor * value);

describe('one sampler step, hand-derived', () => {
  it('euler 2 → 1: d = (x − x/5)/2 = 0.4x, x + 0.4x·(1 − 2) = 0.6x', async () => {
    const { run, calls } = recordingRun(handSchedule([2, 1, 0], [800, 600]), unitData);
    const result = await euler(run)(X, 0);
    expectClose(result.x, [0.6, -1.2, 0.3]);
    expectClose(result.denoised, times(0.2));
    expect(calls).toEqual([{ sigma: 2, timestep: 800 }]);
  });

  it('heun 2 → 1: slopes 0.4x and (0.6x − 0.3x)/1 = 0.3x, mean 0.35x: 0.65x; the last step is Euler', async () => {
    const { run, calls } = recordingRun(handSchedule([2, 1, 0], [800, 600]), unitData);
    const step = heun(run);
    const first = await step(X, 0);
    expectClose(first.x, [0.65, -1.3, 0.325]);
    expect(calls).toEqual([
      { sigma: 2, timestep: 800 },
      { sigma: 1, timestep: 600 },
    ]);
    // 1 → 0: x + (x − x/2)·(0 − 1) = x/2, one model call.
    expectClose((await step(X, 1)).x, times(0.5));
    expect(calls).toHaveLength(3);
  });

  it('dpm_2 2 → 1: midpoint √2 (timestep from σ), x′ = x·(2.2 − 0.2√2)/3', async () => {
    const { run, calls } = recordingRun(handSchedule([2, 1, 0], [800, 600]), unitData);
    const result = await dpm2(run)(X, 0);
    // x₂ = x + 0.4x·(√2 − 2) = (0.2 + 0.4√2)x; d₂ = (x₂ − x₂/3)/√2 = x₂·√2/3.
    expectClose(result.x, times((2.2 - 0.2 * Math.SQRT2) / 3));
    expect(calls[1]!.sigma).toBeCloseTo(Math.SQRT2, 12);
    expect(calls[1]!.timestep).toBeCloseTo(1000 + Math.SQRT2, 12);
  });

  it('get_ancestral_step: σ_up = σₙ√(1 − σₙ²/σ²), σ_down = σₙ²/σ', () => {
    expect(ancestralStep(2, 1).up).toBeCloseTo(Math.sqrt(0.75), 14);
    expect(ancestralStep(2, 1).down).toBeCloseTo(0.5, 14);
    const { down, up } = ancestralStep(14.614645, 10.746849);
    expect(down).toBeCloseTo(7.902673, 5);
    expect(up).toBeCloseTo(7.28303, 5);
    expect(down ** 2 + up ** 2).toBeCloseTo(10.746849 ** 2, 9);
    expect(ancestralStep(0.029168, 0)).toEqual({ down: 0, up: 0 });
  });

  it('euler_ancestral 2 → 1: Euler to 0.5 then √0.75·z: 0.4x + √0.75·z; no draw on the last step', async () => {
    const { run, noiseDraws } = recordingRun(handSchedule([2, 1, 0]), unitData, [Z1]);
    const step = eulerAncestral(run);
    const first = await step(X, 0);
    expectClose(
      first.x,
      X.map((value, i) => 0.4 * value + Math.sqrt(0.75) * Z1[i]!),
    );
    expectClose((await step(X, 1)).x, times(0.5));
    expect(noiseDraws()).toBe(1);
  });

  it('dpmpp_2m 2 → 1 → 0.5: 0.6x, then r = 1, D = 1.5·0.3x − 0.5·0.2x: 0.475x (Euler: 0.45x, exact 0.5x)', async () => {
    const { run } = recordingRun(handSchedule([2, 1, 0.5, 0]), unitData);
    const step = dpmpp2m(run);
    const first = await step(X, 0);
    expectClose(first.x, times(0.6));
    expectClose((await step(first.x, 1)).x, times(0.475));
    // The last step lands on the estimate: 0.475x/(1 + 0.25).
    const last = await step(Float32Array.from(times(0.475)), 2);
    expectClose(last.x, times(0.38));
  });

  it('dpmpp_2m_sde 2 → 1 → 0.5 (eta 1, midpoint): e^(−h) = ½, 1 − e^(−2h) = ¾', async () => {
    const { run, noiseDraws } = recordingRun(handSchedule([2, 1, 0.5, 0]), unitData, [Z1, Z2]);
    const step = dpmpp2mSde(run);
    const first = await step(X, 0);
    // ¼x + ¾·0.2x + 1·√¾·z₁
    const x1 = X.map((value, i) => 0.4 * value + Math.sqrt(0.75) * Z1[i]!);
    expectClose(first.x, x1);
    const second = await step(first.x, 1);
    // ¼x₁ + ¾·D + ½·¾·(D − 0.2x) + 0.5·√¾·z₂ with D = x₁/2, r = 1.
    expectClose(
      second.x,
      x1.map((value, i) => {
        const denoised = value / 2;
        return (
          0.25 * value +
          0.75 * denoised +
          0.375 * (denoised - 0.2 * X[i]!) +
          0.5 * Math.sqrt(0.75) * Z2[i]!
        );
      }),
    );
    const last = await step(second.x, 2);
    expectClose(
      last.x,
      second.x.map((value) => value / 1.25),
    );
    expect(noiseDraws()).toBe(2);
  });

  it('ddim ends as diffusers’ VP latent: Euler 2 → 0.5 gives 0.4x, returned as 0.4x/√(0.5² + 1)', async () => {
    const { run } = recordingRun(handSchedule([2, 0.5]), unitData);
    expectClose((await ddim(run)(X, 0)).x, times(0.4 / Math.sqrt(1.25)));
    const { run: toZero } = recordingRun(handSchedule([2, 1, 0]), unitData);
    expectClose((await ddim(toZero)(X, 0)).x, times(0.6));
  });

  it('lcm at t = 3: c_skip = 0.25/900.25, c_out = 30/√900.25 on x_t = x/√5, then + σₙ·z', async () => {
    const { run, noiseDraws } = recordingRun(handSchedule([2, 1, 0], [3, 1]), unitData, [Z1]);
    const step = lcm(run);
    const first = await step(X, 0);
    const cSkip = 0.25 / 900.25;
    const cOut = 30 / Math.sqrt(900.25);
    const denoised = X.map((value) => cOut * 0.2 * value + (cSkip * value) / Math.sqrt(5));
    expectClose(first.denoised, denoised);
    expectClose(
      first.x,
      denoised.map((value, i) => value + Z1[i]!),
    );
    const last = await step(X, 1);
    expect(last.x).toBe(last.denoised);
    expect(noiseDraws()).toBe(1);
  });
});
