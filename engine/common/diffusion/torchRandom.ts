/**
 * PyTorch's CPU generator, bit for bit: `g = torch.Generator().manual_seed(s)`
 * then `torch.randn(shape, generator=g)` / `torch.rand(shape, generator=g)` in
 * float32, so a seed gives the same starting noise as diffusers on the CPU.
 *
 * The contract, from ATen (CPUGeneratorImpl, MT19937RNGEngine.h,
 * DistributionsHelper.h, native/cpu/DistributionTemplates.h):
 * - The engine is MT19937 seeded with the low 32 bits of the 64-bit seed
 *   (negative seeds are two's complement, so −1 acts as 2⁶⁴ − 1).
 * - rand: one 32-bit draw per value, its low 24 bits / 2²⁴.
 * - randn with fewer than 16 values: Box–Muller in double, u1 and u2 from
 *   53-bit draws (two 32-bit outputs each, the first as the high word),
 *   r = √(−2·log1p(−u2)), θ = 2π·u1; the value is r·cos θ, and r·sin θ is
 *   cached on the generator for the next value of a later small randn.
 * - randn with 16 or more values: every value first gets a 24-bit uniform,
 *   then each block of 16 becomes normals, values j and j + 8 from the pair
 *   (u1 = 1 − data[j], u2 = data[j + 8]) as r·cos θ and r·sin θ with
 *   r = √(−2·log u1), θ = 2π·u2, in float32 with the AVX2 log/sincos (the
 *   kernel PyTorch runs on x86, AVX-512 machines included). When the count
 *   is not a multiple of 16, the last 16 values are drawn again from 16 fresh
 *   uniforms and recomputed. This path neither reads nor clears the cache.
 *
 * Where PyTorch differs by platform: ARM (Apple silicon) and x86 without
 * AVX2 run the 16-block with libm's logf/cosf/sinf instead, which differ from
 * the AVX2 numbers in about 40 % of values by up to ~2·10⁻⁶; that path is not
 * reproduced. The small-count path uses JavaScript's double log1p/sin/cos;
 * they may differ from glibc's in the last bit of a double, which changes the
 * float32 result only in a tie case (probability ~2⁻²⁹ per value). Pure.
 */
import { sinCosAvx2, logAvx2 } from './avxMathfun.ts';
import { Mt19937 } from './mt19937.ts';
import { Tensor, elementCount } from '../tensor.ts';

const TWO_TO_32 = 2 ** 32;
const TWO_TO_53 = 2 ** 53;
const TWO_TO_24 = 2 ** 24;
const TWO_PI_FLOAT32 = Math.fround(2 * Math.PI);
const BLOCK = 16;
const HALF_BLOCK = 8;

const SEED_MIN = -(2n ** 63n);
const SEED_MAX = 2n ** 64n - 1n;

export class TorchGenerator {
  /** The seed as torch.initial_seed() reports it (0 … 2⁶⁴ − 1). */
  readonly seed: bigint;
  private readonly engine: Mt19937;
  private cachedNormal: number | undefined;

  constructor(seed: number | bigint) {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new RangeError(`A seed must be a whole number, got ${seed}`);
    }
    const whole = BigInt(seed);
    if (whole < SEED_MIN || whole > SEED_MAX) {
      throw new RangeError(
        `A seed must be between ${SEED_MIN} and ${SEED_MAX} (PyTorch's range), got ${whole}`,
      );
    }
    this.seed = BigInt.asUintN(64, whole);
    this.engine = new Mt19937(Number(this.seed & 0xffffffffn));
  }

  /** torch.rand(shape): uniform float32 in [0, 1). */
  rand(shape: readonly number[]): Tensor<'float32'> {
    const data = new Float32Array(checkedCount(shape, 'rand'));
    for (let i = 0; i < data.length; i++) data[i] = this.uniformFloat32();
    return new Tensor('float32', shape, data);
  }

  /** torch.randn(shape): standard normal float32. */
  randn(shape: readonly number[]): Tensor<'float32'> {
    const count = checkedCount(shape, 'randn');
    const data = new Float32Array(count);
    if (count < BLOCK) {
      for (let i = 0; i < count; i++) data[i] = this.normalFloat64();
    } else {
      for (let i = 0; i < count; i++) data[i] = this.uniformFloat32();
      for (let start = 0; start + BLOCK <= count; start += BLOCK) normalBlock(data, start);
      if (count % BLOCK !== 0) {
        const start = count - BLOCK;
        for (let i = start; i < count; i++) data[i] = this.uniformFloat32();
        normalBlock(data, start);
      }
    }
    return new Tensor('float32', shape, data);
  }

  private uniformFloat32(): number {
    return (this.engine.nextUint32() & 0xffffff) / TWO_TO_24;
  }

  private uniformFloat64(): number {
    const high = this.engine.nextUint32() & 0x1fffff; // 53 bits: the low 21 of the high word
    const low = this.engine.nextUint32();
    return (high * TWO_TO_32 + low) / TWO_TO_53;
  }

  private normalFloat64(): number {
    if (this.cachedNormal !== undefined) {
      const cached = this.cachedNormal;
      this.cachedNormal = undefined;
      return cached;
    }
    const u1 = this.uniformFloat64();
    const u2 = this.uniformFloat64();
    const radius = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = 2 * Math.PI * u1;
    this.cachedNormal = radius * Math.sin(theta);
    return radius * Math.cos(theta);
  }
}

/** normal_fill_16_AVX2 on data[start … start + 15], which hold uniforms. */
function normalBlock(data: Float32Array, start: number): void {
  for (let j = start; j < start + HALF_BLOCK; j++) {
    const u1 = Math.fround(1 - data[j]!);
    const u2 = data[j + HALF_BLOCK]!;
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * logAvx2(u1))));
    const { sine, cosine } = sinCosAvx2(Math.fround(TWO_PI_FLOAT32 * u2));
    data[j] = radius * cosine;
    data[j + HALF_BLOCK] = radius * sine;
  }
}

function checkedCount(shape: readonly number[], operation: string): number {
  if (!shape.every((size) => Number.isSafeInteger(size) && size >= 0)) {
    throw new RangeError(
      `${operation} needs a shape of whole numbers ≥ 0, got [${shape.join(', ')}]`,
    );
  }
  return elementCount(shape);
}
