/**
 * One lane of log256_ps and sincos256_ps from PyTorch's
 * aten/src/ATen/native/cpu/avx_mathfun.h (Giovanni Garberoglio's AVX port of
 * Julien Pommier's sse_mathfun, itself the Cephes single-precision log and
 * sin/cos), which torch.randn uses on x86 CPUs with AVX2.
 *
 * The result must match to the last bit, so every step rounds to float32 as
 * the vector instructions do, and the fused multiply-adds are where GCC puts
 * them: the header writes separate _mm256_mul_ps/_mm256_add_ps, but GCC
 * (-mfma, default -ffp-contract=fast) contracts each product whose only use is
 * an addition or subtraction. The placement below reproduces PyTorch's Linux
 * build bit for bit on 1,064,960 samples; without the contractions 1 % of
 * torch.randn's values differ by one ulp (MSVC does not contract, so
 * Windows builds of PyTorch may be those). Pure.
 */
import { fusedMultiplyAddFloat32 as fma } from './float32Fma.ts';

const f32 = Math.fround;
const single = new Float32Array(1);
const singleBits = new Int32Array(single.buffer);

const MIN_NORMAL_POSITIVE = 2 ** -126;
const SQRT_HALF = f32(Math.SQRT1_2); // Cephes' SQRTHF
const LOG_POLYNOMIAL = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f32);
const LOG_Q1 = f32(-2.1219444e-4);
const LOG_Q2 = f32(0.693359375);

/** Natural logarithm as log256_ps computes it; NaN for x ≤ 0 (and for NaN). */
export function logAvx2(value: number): number {
  if (!(value > 0)) return NaN;
  single[0] = Math.max(value, MIN_NORMAL_POSITIVE);
  const bits = singleBits[0]!;
  let exponent = f32((bits >>> 23) - 0x7f + 1);
  singleBits[0] = (bits & ~0x7f800000) | 0x3f000000; // the mantissa scaled into [0.5, 1)
  let x = single[0];
  if (x < SQRT_HALF) {
    exponent = f32(exponent - 1);
    x = f32(f32(x - 1) + x);
  } else {
    x = f32(x - 1);
  }
  const z = f32(x * x);
  let y = LOG_POLYNOMIAL[0]!;
  for (let k = 1; k < LOG_POLYNOMIAL.length; k++) y = fma(y, x, LOG_POLYNOMIAL[k]!);
  y = f32(y * x);
  y = fma(y, z, f32(exponent * LOG_Q1));
  y = fma(-z, 0.5, y);
  return fma(exponent, LOG_Q2, f32(x + y));
}

const MINUS_DP1 = f32(-0.78515625);
const MINUS_DP2 = -2029 / 2 ** 23; // −2.4187564849853515625e-4, exact in float32
const MINUS_DP3 = f32(-3.774894977445941e-8); // Cephes writes −3.77489497744594108e-8
const SIN_P0 = f32(-1.9515295891e-4);
const SIN_P1 = f32(8.3321608736e-3);
const SIN_P2 = f32(-1.6666654611e-1);
const COS_P0 = f32(2.443315711809948e-5);
const COS_P1 = f32(-1.388731625493765e-3);
const COS_P2 = f32(4.166664568298827e-2);
const FOUR_OVER_PI = f32(1.27323954473516);

export interface SineCosine {
  sine: number;
  cosine: number;
}

/**
 * sin and cos as sincos256_ps computes them. Accurate for |x| < 8192 (the
 * Cephes range reduction); torch only passes angles in [0, 2π).
 */
export function sinCosAvx2(value: number): SineCosine {
  const negative = value < 0 || Object.is(value, -0);
  let x = Math.abs(value);
  let octant = Math.trunc(f32(x * FOUR_OVER_PI));
  octant = (octant + 1) & ~1; // j = (j + 1) & ~1, as in Cephes
  const y = f32(octant);
  const negateSine = negative !== ((octant & 4) !== 0);
  const negateCosine = ((octant - 2) & 4) === 0;
  const sinePolynomialForSine = (octant & 2) === 0;

  // Cody–Waite reduction x − y·π/4 with π/4 split into three parts.
  x = fma(y, MINUS_DP1, x);
  x = fma(y, MINUS_DP2, x);
  x = fma(y, MINUS_DP3, x);

  const z = f32(x * x);
  let cosine = fma(COS_P0, z, COS_P1);
  cosine = fma(cosine, z, COS_P2);
  cosine = f32(cosine * z);
  cosine = fma(cosine, z, -f32(z * 0.5));
  cosine = f32(cosine + 1);

  let sine = fma(SIN_P0, z, SIN_P1);
  sine = fma(sine, z, SIN_P2);
  sine = f32(sine * z);
  sine = fma(sine, x, x);

  // The vector code selects by masking and adding zero, which turns −0 into +0.
  const sineValue = (sinePolynomialForSine ? sine : cosine) + 0;
  const cosineValue = (sinePolynomialForSine ? cosine : sine) + 0;
  return {
    sine: negateSine ? -sineValue : sineValue,
    cosine: negateCosine ? -cosineValue : cosineValue,
  };
}
