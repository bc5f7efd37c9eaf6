import { describe, expect, it } from 'vitest';
import { lcmBoundary, lcmTimesteps } from './lcmSchedule.ts';
import { float32Hex } from './referenceData.ts';
import { parseSchedulerConfig } from './schedulerConfig.ts';
import { CONFIGS, LCM_BOUNDARY } from './schedules.reference.ts';

const sd = parseSchedulerConfig(CONFIGS.sd);

describe('LCM schedule', () => {
  it('LCM 4 steps: 999, 759, 499, 259', () => {
    expect(Array.from(lcmTimesteps(sd, 4))).toEqual([999, 759, 499, 259]);
  });

  it('picks evenly spaced entries of the origin grid (1…50)×20 − 1', () => {
    expect(Array.from(lcmTimesteps(sd, 1))).toEqual([999]);
    expect(Array.from(lcmTimesteps(sd, 8))).toEqual([999, 879, 759, 639, 499, 379, 259, 139]);
    expect(Array.from(lcmTimesteps(sd, 50))).toEqual(
      Array.from({ length: 50 }, (_, i) => 999 - 20 * i),
    );
    expect(Array.from(lcmTimesteps(sd, 4, 25))).toEqual([999, 759, 519, 279]);
  });

  it('shrinks the grid with img2img strength', () => {
    expect(Array.from(lcmTimesteps(sd, 4, 50, 0.5))).toEqual([499, 379, 259, 139]);
  });

  it('refuses more steps than the origin grid holds', () => {
    expect(() => lcmTimesteps(sd, 51)).toThrow(
      'LCM can take 1 to 50 steps here (origin steps 50 × strength 1), got 51',
    );
    expect(() => lcmTimesteps(sd, 30, 50, 0.5)).toThrow(/1 to 25 steps/);
  });

  it.each(LCM_BOUNDARY)(
    'boundary condition at t = %i matches torch’s float32 c_skip and c_out',
    (t, cSkip, cOut) => {
      const boundary = lcmBoundary(t);
      expect(float32Hex([boundary.cSkip, boundary.cOut])).toEqual([cSkip, cOut]);
    },
  );

  it('c_skip = 0.25/((10t)² + 0.25) and c_out = 10t/√((10t)² + 0.25)', () => {
    expect(lcmBoundary(0)).toEqual({ cSkip: 1, cOut: 0 });
    const { cSkip, cOut } = lcmBoundary(999);
    expect(cSkip).toBeCloseTo(0.25 / (9990 ** 2 + 0.25), 12);
    expect(cOut).toBeCloseTo(1, 7);
  });
});
