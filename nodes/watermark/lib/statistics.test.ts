// Reference tails from scipy.stats (reference/statistics_reference.py).
import { describe, expect, it } from 'vitest';
import { binomialTail, normalTail, psnr, studentTail } from './statistics.ts';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) / expected).toBeLessThan(tolerance);
}

describe('watermark statistics', () => {
  it('binomial upper tail matches scipy.stats.binom.sf(k − 1, n, ½)', () => {
    expectRelative(binomialTail(40, 48), 1.6526333546096341e-6, 1e-10);
    expectRelative(binomialTail(44, 48), 7.569163074094831e-10, 1e-10);
    expectRelative(binomialTail(30, 48), 0.05570144553050939, 1e-10);
    expectRelative(binomialTail(24, 48), 0.5572832513567432, 1e-10);
    expect(binomialTail(0, 48)).toBe(1);
  });

  it("Student's t upper tail matches scipy.stats.t.sf", () => {
    expectRelative(studentTail(2.228, 10), 0.025005885908555667, 1e-9);
    expectRelative(studentTail(5, 63), 2.4283987999395953e-6, 1e-8);
    expectRelative(studentTail(8, 63), 1.7839643273941382e-11, 1e-8);
    expectRelative(studentTail(12, 63), 3.173983771839537e-18, 1e-8);
    expectRelative(studentTail(-2.228, 10), 1 - 0.025005885908555667, 1e-9);
  });

  it('normal upper tail matches scipy.stats.norm.sf to 1e-6', () => {
    expectRelative(normalTail(3), 0.0013498980316300933, 1e-6);
    expectRelative(normalTail(6), 9.865876450376946e-10, 1e-6);
  });

  it('PSNR: one level off everywhere is 48.13 dB', () => {
    expect(psnr(new Uint8Array([10, 20]), new Uint8Array([11, 19]))).toBeCloseTo(48.1308, 4);
    expect(psnr(new Uint8Array([1]), new Uint8Array([1]))).toBe(Infinity);
  });
});
