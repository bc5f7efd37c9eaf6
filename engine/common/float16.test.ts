import { describe, expect, it } from 'vitest';
import { float16ToFloat32, float32ToFloat16, fromFloat16Bits, toFloat16Bits } from './float16.ts';

/** Reference: the nearest of all 31744 finite non-negative halves, ties to the even pattern. */
function referenceHalf(value: number): number {
  const single = Math.fround(value);
  if (Number.isNaN(single)) return 0x7e00;
  const sign = single < 0 || Object.is(single, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(single);
  if (magnitude >= 65520) return sign | 0x7c00; // 65520 is the tie between 65504 and 2^16 (inf)
  let low = 0;
  let high = 0x7bff;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (fromFloat16Bits(middle) <= magnitude) low = middle;
    else high = middle;
  }
  const below = fromFloat16Bits(low);
  const above = fromFloat16Bits(high);
  if (magnitude <= below) return sign | low;
  const distanceBelow = magnitude - below;
  const distanceAbove = above - magnitude;
  if (distanceBelow < distanceAbove) return sign | low;
  if (distanceAbove < distanceBelow) return sign | high;
  return sign | ((low & 1) === 0 ? low : high);
}

describe('float16', () => {
  it('converts known values to their exact bit patterns', () => {
    const cases: [number, number][] = [
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff], // the largest half
      [65519, 0x7bff], // just below the tie
      [65520, 0x7c00], // the tie rounds to even: infinity
      [5.96e-8, 0x0001], // the smallest subnormal, 2^-24
      [2 ** -25, 0x0000], // half of it: a tie, rounds to even (zero)
      [3 * 2 ** -25, 0x0002], // 1.5 subnormal steps: a tie, rounds to even (2)
      [2 ** -14, 0x0400], // the smallest normal
      [2 ** -14 - 2 ** -25, 0x0400], // the largest subnormal + half a step: carries into the exponent
      [0, 0x0000],
      [-0, 0x8000],
      [0.1, 0x2e66],
      [1 + 2 ** -11, 0x3c00], // tie between 1 and 1+2^-10: even mantissa wins
      [1 + 3 * 2 ** -11, 0x3c02], // tie between 0x3c01 and 0x3c02: even wins
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [1e-10, 0x0000],
      [-1e-10, 0x8000],
      [1e10, 0x7c00],
    ];
    for (const [value, bits] of cases) {
      expect([value, toFloat16Bits(value)]).toEqual([value, bits]);
    }
    expect(toFloat16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(toFloat16Bits(NaN) & 0x3ff).not.toBe(0);
  });

  it('decodes every half and encodes it back to the same bits', () => {
    const all = new Uint16Array(65536).map((_, index) => index);
    const singles = float16ToFloat32(all);
    expect(singles[0x3c00]).toBe(1);
    expect(singles[0x0001]).toBe(2 ** -24);
    expect(singles[0x7bff]).toBe(65504);
    expect(singles[0xfc00]).toBe(-Infinity);
    expect(Object.is(singles[0x8000], -0)).toBe(true);
    const back = float32ToFloat16(singles);
    for (let half = 0; half < 65536; half++) {
      const isNaN = (half & 0x7c00) === 0x7c00 && (half & 0x3ff) !== 0;
      if (isNaN) expect(Number.isNaN(singles[half])).toBe(true);
      else if (back[half] !== half)
        throw new Error(`0x${half.toString(16)} came back as 0x${back[half]!.toString(16)}`);
    }
  });

  it('rounds 20000 random float32 values exactly like a nearest-value search', () => {
    const bits = new Uint32Array(20000);
    let state = 12345;
    for (let index = 0; index < bits.length; index++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      // Exponents spread around the half range (2^-30 … 2^18), random mantissas and signs.
      const exponent = 97 + (state % 48);
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      bits[index] = ((state & 0x80000000) | (exponent << 23) | (state & 0x7fffff)) >>> 0;
    }
    const singles = new Float32Array(bits.buffer);
    const halves = float32ToFloat16(singles);
    for (let index = 0; index < singles.length; index++) {
      const expected = referenceHalf(singles[index]!);
      if (halves[index] !== expected) {
        throw new Error(
          `${singles[index]} gave 0x${halves[index]!.toString(16)}, expected 0x${expected.toString(16)}`,
        );
      }
    }
  });

  it('accepts plain number arrays and fills a given target', () => {
    const target = new Uint16Array(3);
    expect(float32ToFloat16([1, -2, 0.1], target)).toBe(target);
    expect(Array.from(target)).toEqual([0x3c00, 0xc000, 0x2e66]);
    expect(() => float32ToFloat16([1, 2], target)).toThrow(/holds 3 values, source has 2/);
  });
});
