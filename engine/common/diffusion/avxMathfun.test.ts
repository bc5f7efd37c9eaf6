import { describe, expect, it } from 'vitest';
import { logAvx2, sinCosAvx2 } from './avxMathfun.ts';

/** The spacing of float32 values at |value|. */
function float32Ulp(value: number): number {
  const exponent = Math.floor(Math.log2(Math.abs(value)));
  return 2 ** (Math.max(exponent, -126) - 23);
}

describe('logAvx2 (one lane of log256_ps)', () => {
  it('stays within one float32 ulp of ln x on the 24-bit grid of (0, 1] that torch.randn feeds it', () => {
    let worst = 0;
    for (let k = 1; k < 2 ** 24; k += 101) {
      const x = k / 2 ** 24;
      worst = Math.max(worst, Math.abs(logAvx2(x) - Math.log(x)) / float32Ulp(Math.log(x)));
    }
    expect(worst).toBeGreaterThan(0.25); // a polynomial, not a correctly rounded log
    expect(worst).toBeLessThan(1);
  });

  it('is exact at 1 and rounds ln ½ and ln 2⁻²⁴ to the nearest float32', () => {
    expect(logAvx2(1)).toBe(0);
    expect(logAvx2(0.5)).toBe(Math.fround(Math.log(0.5)));
    expect(logAvx2(2 ** -24)).toBe(Math.fround(-24 * Math.LN2));
  });

  it('gives NaN for zero and negative numbers, as the vector code does', () => {
    expect(logAvx2(0)).toBeNaN();
    expect(logAvx2(-1)).toBeNaN();
  });
});

describe('sinCosAvx2 (one lane of sincos256_ps)', () => {
  it('stays within 1e-7 of sin and cos on [0, 2π)', () => {
    let worst = 0;
    for (let k = 0; k < 2 ** 24; k += 97) {
      const angle = Math.fround(Math.fround(2 * Math.PI) * (k / 2 ** 24));
      const { sine, cosine } = sinCosAvx2(angle);
      worst = Math.max(worst, Math.abs(sine - Math.sin(angle)), Math.abs(cosine - Math.cos(angle)));
    }
    expect(worst).toBeGreaterThan(1e-8);
    expect(worst).toBeLessThan(1e-7);
  });

  it('gets each octant’s signs right', () => {
    for (const angle of [0.3, 1.2, 2.0, 2.9, 3.5, 4.4, 5.2, 6.1]) {
      const { sine, cosine } = sinCosAvx2(Math.fround(angle));
      expect(Math.sign(sine)).toBe(Math.sign(Math.sin(angle)));
      expect(Math.sign(cosine)).toBe(Math.sign(Math.cos(angle)));
    }
  });

  it('is odd in the sine and even in the cosine', () => {
    expect(sinCosAvx2(-1)).toEqual({ sine: -sinCosAvx2(1).sine, cosine: sinCosAvx2(1).cosine });
    expect(sinCosAvx2(0)).toEqual({ sine: 0, cosine: 1 });
  });
});
