import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from './schedulerConfig.ts';
import { CONFIGS } from './schedules.reference.ts';
import { exponentialSigmas, karrasSigmas, logSigmas, sigmaToTimestep } from './sigmaSchedules.ts';
import { alphasCumprod, trainingSigmas } from './trainingSchedule.ts';

const table = trainingSigmas(alphasCumprod(parseSchedulerConfig(CONFIGS.sd)));
const logTable = logSigmas(table);

describe('sigma schedules', () => {
  it('Karras 10 steps (σmin 0.0292, σmax 14.6146): 14.6146, 9.1034, 5.4790, 3.1692, 1.7499, 0.9144, 0.4471, 0.2015, 0.0820, 0.0292', () => {
    const sigmas = karrasSigmas(0.0292, 14.6146, 10);
    const expected = [
      14.6146, 9.1034, 5.479, 3.1692, 1.7499, 0.9144, 0.4471, 0.2015, 0.082, 0.0292,
    ];
    sigmas.forEach((sigma, i) => expect(sigma).toBeCloseTo(expected[i]!, 4));
  });

  it('spaces the exponential schedule evenly in log σ', () => {
    const sigmas = exponentialSigmas(0.01, 100, 5);
    sigmas.forEach((sigma, i) => expect(sigma).toBeCloseTo(100 / 10 ** i, 10));
  });

  it('_sigma_to_t gives back whole timesteps for training sigmas and interpolates in log σ between them', () => {
    expect(sigmaToTimestep(table[999]!, logTable)).toBe(999);
    expect(sigmaToTimestep(table[500]!, logTable)).toBeCloseTo(500, 5); // the table holds float32 logs
    const between = Math.sqrt(table[500]! * table[501]!); // halfway in log σ
    expect(sigmaToTimestep(between, logTable)).toBeCloseTo(500.5, 4);
  });

  it('clamps to [0, T − 1] outside the table', () => {
    expect(sigmaToTimestep(1e-6, logTable)).toBe(0);
    expect(sigmaToTimestep(0, logTable)).toBe(0);
    expect(sigmaToTimestep(1000, logTable)).toBe(999);
  });
});
