import { describe, expect, it } from 'vitest';
import { guide, standardDeviation } from './guidance.ts';

describe('guide', () => {
  it('is ε_neg + g·(ε_pos − ε_neg), the negative first', () => {
    const negative = Float32Array.from([1, 1, 0, -2]);
    const positive = Float32Array.from([2, 0, 0, 1]);
    expect(Array.from(guide(negative, positive, 7.5))).toEqual([8.5, -6.5, 0, 20.5]);
    expect(Array.from(guide(negative, positive, 1))).toEqual([2, 0, 0, 1]);
  });

  it('rescale φ brings the std back to ε_pos’s (diffusers’ rescale_noise_cfg, torch’s unbiased std)', () => {
    const negative = new Float32Array(4);
    const positive = Float32Array.from([1, 2, 3, 4]);
    // Guided = [3, 6, 9, 12]: std 3.8730 against 1.2910, so the rescaled prediction is [1, 2, 3, 4].
    expect(standardDeviation(positive)).toBeCloseTo(1.2909944, 6);
    expect(Array.from(guide(negative, positive, 3, 1))).toEqual([1, 2, 3, 4]);
    expect(Array.from(guide(negative, positive, 3, 0.5))).toEqual([2, 4, 6, 8]);
  });
});
