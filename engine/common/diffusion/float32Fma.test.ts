import { describe, expect, it } from 'vitest';
import { fusedMultiplyAddFloat32 } from './float32Fma.ts';

describe('fusedMultiplyAddFloat32', () => {
  it('rounds once where a·b + c in double would round twice', () => {
    // a·b = 2⁻²⁴ + 2⁻⁷⁰: in double, 1 + a·b rounds to 1 + 2⁻²⁴, halfway between
    // two floats, and a second rounding to even gives 1; the true value is just above.
    const a = 8392705 / 2 ** 24;
    const b = 16769026 / 2 ** 47;
    expect(Math.fround(a * b + 1)).toBe(1);
    expect(fusedMultiplyAddFloat32(a, b, 1)).toBe(1 + 2 ** -23);
    expect(fusedMultiplyAddFloat32(-a, b, -1)).toBe(-(1 + 2 ** -23));
  });

  it('keeps the product unrounded before the addition', () => {
    const a = 1 + 2 ** -12;
    // (1 + 2⁻¹²)² − 1 = 2⁻¹¹ + 2⁻²⁴; rounding the product first loses the 2⁻²⁴.
    expect(Math.fround(Math.fround(a * a) - 1)).toBe(2 ** -11);
    expect(fusedMultiplyAddFloat32(a, a, -1)).toBe(2 ** -11 + 2 ** -24);
  });

  it('breaks exact ties to even and passes infinities through', () => {
    expect(fusedMultiplyAddFloat32(1, 2 ** -24, 1)).toBe(1);
    expect(fusedMultiplyAddFloat32(3, 2 ** -24, 1)).toBe(1 + 2 ** -22);
    expect(fusedMultiplyAddFloat32(2 ** 127, 4, 0)).toBe(Infinity);
  });
});
