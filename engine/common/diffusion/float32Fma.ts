/**
 * Single-precision fused multiply-add (C's fmaf): a·b + c rounded once to
 * float32, ties to even. Inputs must be float32 values.
 *
 * a·b of two float32 values is exact in a double; the sum with c is rounded
 * to double first, which could then round to the wrong float32 only when the
 * double lands exactly halfway between two float32 values. The sum's exact
 * remainder (Knuth's TwoSum) tells which way the true value lies in that case.
 * Pure.
 */

const single = new Float32Array(1);
const singleBits = new Uint32Array(single.buffer);

export function fusedMultiplyAddFloat32(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const rounded = Math.fround(sum);
  if (rounded === sum || !Number.isFinite(sum)) return rounded;
  const virtualC = sum - product;
  const remainder = product - (sum - virtualC) + (c - virtualC);
  if (remainder === 0) return rounded;
  const other = neighbourToward(rounded, sum);
  if ((rounded + other) / 2 !== sum) return rounded;
  const upper = Math.max(rounded, other);
  const lower = Math.min(rounded, other);
  return remainder > 0 ? upper : lower;
}

/** The float32 next to `value` on the side of `target` (value ≠ target). */
function neighbourToward(value: number, target: number): number {
  single[0] = Math.abs(value);
  singleBits[0] = Math.abs(target) > Math.abs(value) ? singleBits[0]! + 1 : singleBits[0]! - 1;
  return target < 0 ? -single[0] : single[0];
}
