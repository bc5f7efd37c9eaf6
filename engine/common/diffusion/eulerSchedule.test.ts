import { describe, expect, it } from 'vitest';
import { eulerSigmas, initNoiseSigma } from './eulerSchedule.ts';
import { float32Hex, hexFloats, hexWords } from './referenceData.ts';
import { parseSchedulerConfig } from './schedulerConfig.ts';
import { CONFIGS, EULER } from './schedules.reference.ts';

const sd = parseSchedulerConfig(CONFIGS.sd);

describe('eulerSigmas (EulerDiscreteScheduler.set_timesteps)', () => {
  it('Euler linspace 20 steps: 14.614645, 10.746849, 8.081535, …, 0.232168, 0.029168, 0', () => {
    const { sigmas, timesteps } = eulerSigmas(sd, 20);
    expect(sigmas).toHaveLength(21);
    expect(Array.from(sigmas.subarray(0, 3), (s) => s.toFixed(6))).toEqual([
      '14.614645',
      '10.746849',
      '8.081535',
    ]);
    expect(Array.from(sigmas.subarray(18), (s) => s.toFixed(6))).toEqual([
      '0.232168',
      '0.029168',
      '0.000000',
    ]);
    expect(sigmas[20]).toBe(0);
    expect(timesteps).toHaveLength(20);
  });

  it.each(EULER)(
    '$config $steps steps $spacing $mode: sigmas to the bit, timesteps and init_noise_sigma as diffusers',
    ({ config, steps, spacing, mode, sigmas, timesteps, initNoiseSigma: expectedInit }) => {
      const parsed = parseSchedulerConfig(CONFIGS[config]);
      const result = eulerSigmas(parsed, steps, {
        spacing,
        karras: mode === 'karras',
        exponential: mode === 'exponential',
      });
      expect(float32Hex(result.sigmas)).toEqual(hexWords(sigmas));
      if (mode === 'plain') {
        expect(float32Hex(result.timesteps)).toEqual(hexWords(timesteps));
      } else {
        // Recovered through NumPy's float32 log, which is not correctly rounded (sigmaSchedules.ts).
        hexFloats(timesteps).forEach((t, i) =>
          expect(Math.abs(result.timesteps[i]! - t)).toBeLessThan(1e-3),
        );
      }
      expect(float32Hex([initNoiseSigma(parsed, result.sigmas, spacing)])).toEqual([expectedInit]);
    },
  );

  it('Karras 10 steps runs from σ(999) to σ(0) and recovers timesteps 999 … 0', () => {
    const { sigmas, timesteps } = eulerSigmas(sd, 10, { karras: true });
    expect(Array.from(sigmas, (s) => s.toFixed(4))).toEqual([
      '14.6146',
      '9.1029',
      '5.4784',
      '3.1686',
      '1.7494',
      '0.9141',
      '0.4469',
      '0.2014',
      '0.0819',
      '0.0292',
      '0.0000',
    ]);
    expect(timesteps[0]).toBe(999);
    expect(timesteps[9]).toBe(0);
  });

  it('follows use_karras_sigmas, sigma_min/sigma_max and final_sigmas_type from the config', () => {
    const config = parseSchedulerConfig({
      ...CONFIGS.sd,
      use_karras_sigmas: true,
      sigma_min: 0.1,
      sigma_max: 10,
    });
    const { sigmas } = eulerSigmas(config, 5);
    expect(sigmas[0]).toBe(Math.fround(10));
    expect(sigmas[4]).toBeCloseTo(0.1, 6);
    const sigmaMinFinal = parseSchedulerConfig({ ...CONFIGS.sd, final_sigmas_type: 'sigma_min' });
    expect(eulerSigmas(sigmaMinFinal, 5).sigmas[5]).toBeCloseTo(0.029168, 6);
  });

  it('init_noise_sigma is σmax for linspace and trailing, √(σmax² + 1) for leading', () => {
    const { sigmas } = eulerSigmas(sd, 20);
    expect(initNoiseSigma(sd, sigmas)).toBe(sigmas[0]);
    expect(initNoiseSigma(sd, sigmas, 'trailing')).toBe(sigmas[0]);
    expect(initNoiseSigma(sd, sigmas, 'leading')).toBe(Math.fround(Math.sqrt(sigmas[0]! ** 2 + 1)));
    expect(initNoiseSigma(sd, sigmas, 'leading')).toBeCloseTo(14.648818, 5);
  });

  it('gives EDM-style v-prediction models 0.25·ln σ as timesteps', () => {
    const config = parseSchedulerConfig({
      ...CONFIGS.sd,
      timestep_type: 'continuous',
      prediction_type: 'v_prediction',
    });
    const { sigmas, timesteps } = eulerSigmas(config, 3);
    expect(timesteps[0]).toBe(Math.fround(0.25 * Math.fround(Math.log(sigmas[0]!))));
  });

  it('says what is not supported', () => {
    expect(() =>
      eulerSigmas(parseSchedulerConfig({ ...CONFIGS.sd, use_beta_sigmas: true }), 5),
    ).toThrow(/beta sigmas \(use_beta_sigmas\), which Weft does not support yet/);
    expect(() =>
      eulerSigmas(parseSchedulerConfig({ ...CONFIGS.sd, interpolation_type: 'log_linear' }), 5),
    ).toThrow(/interpolation_type "log_linear"; Weft supports "linear" only/);
  });
});
