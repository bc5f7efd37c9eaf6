import { describe, expect, it } from 'vitest';
import { createPcg32, createRng, WEFT_STREAM } from './rng.ts';

/**
 * Round 1 of pcg32-demo / pcg32-global-demo in pcg-c-basic
 * (https://github.com/imneme/pcg-c-basic), seeded pcg32_srandom_r(42, 54):
 * six raw outputs, then 65 coin flips (boundedrand(2), 1 = H) and 33 dice
 * rolls (boundedrand(6) + 1), one generator throughout.
 */
const REFERENCE_OUTPUTS = [0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e];
const REFERENCE_COINS = 'HHTTTHTHHHTHTTTHHHHHTTTHHHTHTHTHTTHTTTHHHHHHTTTTHHTTTTTHTTTTTTTHT';
const REFERENCE_ROLLS = '3 4 1 1 2 2 3 2 4 3 2 4 3 3 5 2 3 1 3 1 5 1 4 1 5 6 4 6 6 2 6 3 3';

describe('PCG32', () => {
  it('reproduces the pcg-c-basic demo outputs for seed 42, stream 54', () => {
    const rng = createPcg32(42n, 54n);
    expect(Array.from({ length: 6 }, () => rng.uint32())).toEqual(REFERENCE_OUTPUTS);
    const coins = Array.from({ length: 65 }, () => (rng.int(2) ? 'H' : 'T')).join('');
    expect(coins).toBe(REFERENCE_COINS);
    const rolls = Array.from({ length: 33 }, () => rng.int(6) + 1).join(' ');
    expect(rolls).toBe(REFERENCE_ROLLS);
  });

  it('builds next() from two outputs with 53 random bits', () => {
    const rng = createPcg32(42n, 54n);
    const expected = ((0xa15c02b7 >>> 5) * 2 ** 26 + (0x7b47f409 >>> 6)) / 2 ** 53;
    expect(rng.next()).toBe(expected);
    expect(rng.uint32()).toBe(0xba1d3330);
  });

  it('refuses bounds it cannot draw without bias', () => {
    const rng = createPcg32(1n, 1n);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(/whole number/);
    expect(() => rng.int(2 ** 32 + 1)).toThrow(RangeError);
    expect(rng.int(2 ** 32)).toBeLessThan(2 ** 32);
  });
});

describe('createRng', () => {
  it('uses the "weft" stream, pinned so saved seeds keep their meaning', () => {
    // Cross-checked with an independent Python port of pcg32_srandom_r.
    expect(WEFT_STREAM).toBe(0x77656674n);
    const first = (seed: number) => {
      const pcg = createPcg32(BigInt(seed), WEFT_STREAM);
      return [pcg.uint32(), pcg.uint32(), pcg.uint32()];
    };
    expect(first(0)).toEqual([0xbcf08737, 0x5c9b4a04, 0x410f4d6f]);
    expect(first(1)).toEqual([0x7401cf53, 0xf1a0af32, 0x38ab2467]);
    const rng = createRng(42);
    expect(rng.next()).toBe(((0xc779001b >>> 5) * 2 ** 26 + (0xbd51289d >>> 6)) / 2 ** 53);
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const draw = (rng: ReturnType<typeof createRng>) =>
      Array.from({ length: 20 }, () => rng.int(1000));
    const sequence = draw(a);
    expect(draw(b)).toEqual(sequence);
    expect(draw(c)).not.toEqual(sequence);
  });

  it('keeps next() in [0, 1) and int() roughly uniform', () => {
    const rng = createRng(123);
    const counts = [0, 0, 0, 0];
    let lowest = 1;
    let highest = 0;
    for (let i = 0; i < 4000; i++) {
      const value = rng.next();
      lowest = Math.min(lowest, value);
      highest = Math.max(highest, value);
      counts[rng.int(4)]! += 1;
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(lowest).toBeLessThan(0.01);
    expect(highest).toBeLessThan(1);
    expect(highest).toBeGreaterThan(0.99);
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('refuses seeds that are not whole numbers', () => {
    expect(() => createRng(1.5)).toThrow(/whole number/);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(createRng(-1).int(100)).toBe(createPcg32((1n << 64n) - 1n, WEFT_STREAM).int(100));
  });
});
