import { describe, expect, it } from 'vitest';
import { applyWeights } from './emphasis.ts';

// Three tokens × two features; weights 1, 2 and 0.5.
const hidden = Float32Array.from([1, 2, 3, 4, 5, 6]);
const weights = [1, 2, 0.5];
const f32 = (values: number[]) => Array.from(Float32Array.from(values));

describe('applyWeights', () => {
  it("'original' scales each token, then restores the chunk mean (A1111)", () => {
    // mean 3.5 → after weighting 22.5 / 6 = 3.75 → everything × 3.5 / 3.75 = 14/15.
    const out = applyWeights(hidden, weights, 'original');
    expect(Array.from(out)).toEqual(f32([14 / 15, 28 / 15, 5.6, 112 / 15, 7 / 3, 2.8]));
    expect(out.reduce((sum, value) => sum + value, 0) / out.length).toBeCloseTo(3.5, 6);
    expect(Array.from(hidden)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("'original' is the identity for all-1 weights", () => {
    expect(Array.from(applyWeights(hidden, [1, 1, 1]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("'noNorm' only scales", () => {
    expect(Array.from(applyWeights(hidden, weights, 'noNorm'))).toEqual([1, 2, 6, 8, 2.5, 3]);
  });

  it("'comfy' scales each weighted token's difference from the empty prompt", () => {
    const empty = Float32Array.from([9, 9, 1, 1, 1, 1]);
    // token 0 (w = 1) untouched; (3 − 1)·2 + 1 = 5, (4 − 1)·2 + 1 = 7; (5 − 1)·0.5 + 1 = 3 …
    expect(Array.from(applyWeights(hidden, weights, 'comfy', { empty }))).toEqual([
      1, 2, 5, 7, 3, 3.5,
    ]);
  });

  it('refuses shapes that do not match, and comfy without the empty prompt', () => {
    expect(() => applyWeights(hidden, [1, 1, 1, 1])).toThrow(
      '4 token weights do not fit 6 hidden values',
    );
    expect(() => applyWeights(hidden, weights, 'comfy')).toThrow(/empty prompt's hidden states/);
  });
});
