import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from './schedulerConfig.ts';
import { CONFIGS, DDIM } from './schedules.reference.ts';
import { eulerTimesteps, timesteps } from './timesteps.ts';

const sd = parseSchedulerConfig(CONFIGS.sd);

describe('timesteps (DDIM)', () => {
  it('DDIM 50 steps, leading with offset 1: 981, 961, …, 21, 1', () => {
    const values = Array.from(timesteps(sd, 50));
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => 981 - 20 * i));
  });

  it.each(DDIM)(
    '$config $steps steps $spacing: as diffusers',
    ({ config, steps, spacing, timesteps: expected }) => {
      const parsed = parseSchedulerConfig(CONFIGS[config]);
      expect(Array.from(timesteps(parsed, steps, spacing))).toEqual(expected);
    },
  );

  it('rounds linspace halves to even (7 steps: 832, not 833; 166, not 167)', () => {
    expect(Array.from(timesteps(sd, 7, 'linspace'))).toEqual([999, 832, 666, 500, 333, 166, 0]);
  });

  it('takes the config’s spacing, else leading', () => {
    const trailing = parseSchedulerConfig({ ...CONFIGS.sd, timestep_spacing: 'trailing' });
    expect(Array.from(timesteps(trailing, 4))).toEqual([999, 749, 499, 249]);
    expect(Array.from(timesteps(sd, 4))).toEqual([751, 501, 251, 1]);
  });

  it('refuses step counts outside 1 … num_train_timesteps', () => {
    expect(() => timesteps(sd, 0)).toThrow(
      "Steps must be a whole number from 1 to 1000 (the model's training steps), got 0",
    );
    expect(() => timesteps(sd, 1001)).toThrow(/got 1001/);
    expect(() => timesteps(sd, 2.5)).toThrow(/got 2.5/);
  });
});

describe('eulerTimesteps', () => {
  it('keeps linspace timesteps as float32 (20 steps: 999, 946.42108, …, 52.578949, 0)', () => {
    const values = eulerTimesteps(sd, 20);
    expect(values[0]).toBe(999);
    expect(values[1]).toBe(Math.fround(999 - 999 / 19));
    expect(values[18]).toBe(Math.fround(999 / 19));
    expect(values[19]).toBe(0);
  });

  it('uses leading spacing with steps_offset when asked', () => {
    expect(Array.from(eulerTimesteps(sd, 4, 'leading'))).toEqual([751, 501, 251, 1]);
  });
});
