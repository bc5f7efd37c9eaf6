/**
 * IEEE 754 half precision ⇄ single precision, bit-exact. Engine tensors carry
 * float16 data as raw bits in a Uint16Array (as onnxruntime-node does), so
 * feeding a float16 model float32 values, or reading its outputs back, goes
 * through these. Rounding is to nearest, ties to even; subnormals, ±0, ±inf
 * and NaN are kept (NaN payloads are truncated, staying NaN). Pure.
 *
 * Inputs are float32 values: a plain number is first rounded to float32, as
 * every float tensor of the engine is float32.
 */

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** The half-precision bits of a float32 bit pattern. */
function halfFromSingleBits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) {
    if (mantissa === 0) return sign | 0x7c00;
    return sign | 0x7e00 | (mantissa >>> 13); // quiet NaN, never the infinity pattern
  }
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 31) return sign | 0x7c00;
  if (halfExponent >= 1) {
    const rounded = roundShift((halfExponent << 23) | mantissa, 13);
    return sign | rounded; // a carry out of the mantissa correctly bumps the exponent (up to inf)
  }
  // Subnormal half (or zero): the value is significand × 2^-24.
  const shift = 14 - halfExponent;
  if (shift > 24) return sign; // below half the smallest subnormal: rounds to ±0
  return sign | roundShift(mantissa | 0x800000, shift);
}

/** value >> shift, rounded to nearest with ties to even. */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}

function singleFromHalf(half: number): number {
  const negative = (half & 0x8000) !== 0;
  const exponent = (half >>> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  let magnitude: number;
  if (exponent === 0) magnitude = mantissa * 2 ** -24;
  else if (exponent === 31) magnitude = mantissa === 0 ? Infinity : NaN;
  else magnitude = (1024 + mantissa) * 2 ** (exponent - 25);
  return negative ? -magnitude : magnitude;
}

/** float32 value → float16 bits. */
export function toFloat16Bits(value: number): number {
  scratch[0] = value;
  return halfFromSingleBits(scratchBits[0]!);
}

/** float16 bits → the (exactly representable) float32 value. */
export function fromFloat16Bits(bits: number): number {
  return singleFromHalf(bits & 0xffff);
}

/** Converts a whole array of float32 values to float16 bits. */
export function float32ToFloat16(
  values: Float32Array | ArrayLike<number>,
  target: Uint16Array = new Uint16Array(values.length),
): Uint16Array {
  if (target.length !== values.length) {
    throw new Error(`float16 target holds ${target.length} values, source has ${values.length}`);
  }
  const singles = values instanceof Float32Array ? values : Float32Array.from(values);
  const bits = new Uint32Array(singles.buffer, singles.byteOffset, singles.length);
  for (let index = 0; index < bits.length; index++)
    target[index] = halfFromSingleBits(bits[index]!);
  return target;
}

let halfTable: Float32Array | undefined;

/** Converts a whole array of float16 bits to float32 values (a 256 KiB table, built on first use). */
export function float16ToFloat32(
  bits: Uint16Array,
  target: Float32Array = new Float32Array(bits.length),
): Float32Array {
  if (target.length !== bits.length) {
    throw new Error(`float32 target holds ${target.length} values, source has ${bits.length}`);
  }
  if (halfTable === undefined) {
    halfTable = new Float32Array(65536);
    for (let half = 0; half < 65536; half++) halfTable[half] = singleFromHalf(half);
  }
  const table = halfTable;
  for (let index = 0; index < bits.length; index++) target[index] = table[bits[index]!]!;
  return target;
}
