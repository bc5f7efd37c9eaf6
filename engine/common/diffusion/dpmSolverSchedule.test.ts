import { describe, expect, it } from 'vitest';
import { dpmSolverSigmas, dpmSolverTimesteps } from './dpmSolverSchedule.ts';
import { float32Hex, hexWords } from './referenceData.ts';
import { parseSchedulerConfig } from './schedulerConfig.ts';
import { CONFIGS, DPM_SOLVER } from './schedules.reference.ts';

const sd = parseSchedulerConfig(CONFIGS.sd);

describe('DPM-Solver multistep schedule', () => {
  it('linspace 20 steps takes 21 points and drops the last: 999, 949, …, 500, 450, …, 50', () => {
    const values = Array.from(dpmSolverTimesteps(sd, 20));
    expect(values.slice(0, 3)).toEqual([999, 949, 899]);
    expect(values.slice(9, 12)).toEqual([549, 500, 450]);
    expect(values[19]).toBe(50);
  });

  it.each(DPM_SOLVER)(
    '$config $steps steps $spacing $mode: sigmas to the bit and timesteps as diffusers',
    ({ config, steps, spacing, mode, sigmas, timesteps }) => {
      const result = dpmSolverSigmas(parseSchedulerConfig(CONFIGS[config]), steps, {
        spacing,
        karras: mode === 'karras',
      });
      expect(float32Hex(result.sigmas)).toEqual(hexWords(sigmas));
      expect(Array.from(result.timesteps)).toEqual(timesteps);
    },
  );

  it('Karras spans the whole training range and repeats its last sigma', () => {
    const { sigmas } = dpmSolverSigmas(sd, 8, { karras: true });
    expect(sigmas[0]).toBeCloseTo(14.614645, 5);
    expect(sigmas[7]).toBeCloseTo(0.029168, 6);
    expect(sigmas[8]).toBe(sigmas[7]);
  });
});
