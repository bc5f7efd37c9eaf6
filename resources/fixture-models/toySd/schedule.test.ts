import { describe, expect, it } from 'vitest';
import { alphaCumprodAt, alphasCumprod, betas } from './schedule.ts';

describe('toy SD schedule', () => {
  const table = alphasCumprod();

  it('gives diffusers’ float32 ᾱ at both ends', () => {
    expect(table).toHaveLength(1000);
    expect(table[0]).toBe(Math.fround(0.99914998));
    // torch on x86 (AVX2); its non-AVX2 CPU path (e.g. ARM) gives 0.0046600951.
    expect(table[999]).toBe(Math.fround(0.004660096));
  });

  it('squares a float32 linspace of √β: β runs 0.00085 → 0.012 and the middle matches the quadratic', () => {
    const beta = betas();
    expect(beta[0]).toBeCloseTo(0.00085, 8);
    expect(beta[999]).toBeCloseTo(0.012, 8);
    const root = (Math.sqrt(0.00085) + (500 / 999) * (Math.sqrt(0.012) - Math.sqrt(0.00085))) ** 2;
    expect(beta[500]).toBeCloseTo(root, 8);
  });

  it('has SD 1.x’s σmax ≈ 14.6146 (k-diffusion’s number)', () => {
    const alpha = table[999]!;
    expect(Math.sqrt((1 - alpha) / alpha)).toBeCloseTo(14.6146, 3);
  });

  it('interpolates ᾱ linearly between whole timesteps and clamps to [0, 999]', () => {
    expect(alphaCumprodAt(table, 500)).toBe(table[500]);
    expect(alphaCumprodAt(table, 500.25)).toBeCloseTo(0.75 * table[500]! + 0.25 * table[501]!, 12);
    expect(alphaCumprodAt(table, 999)).toBe(table[999]);
    expect(alphaCumprodAt(table, 1200)).toBe(table[999]);
    expect(alphaCumprodAt(table, -3)).toBe(table[0]);
  });
});
