/**
 * The engine's seeded generator: PCG32 (PCG-XSH-RR, 64-bit state, 32-bit
 * output) by M. E. O'Neill, exactly as in the reference pcg-c-basic
 * (https://www.pcg-random.org, https://github.com/imneme/pcg-c-basic). It uses
 * BigInt for the 64-bit state, so the sequence is the same on every machine
 * and in the browser.
 *
 * The sequence for a seed is part of Weft's contract (saved graphs reproduce
 * their wildcard choices), so neither the stream constant nor the way
 * `next()` and `int()` consume outputs may ever change.
 */
import type { Rng } from './nodeApi.ts';

const MASK_64 = (1n << 64n) - 1n;
const MULTIPLIER = 6364136223846793005n;

/** The PCG stream Weft seeds use: the ASCII bytes of "weft". */
export const WEFT_STREAM = 0x77656674n;

export interface Pcg32 extends Rng {
  /** The next raw 32-bit output (pcg32_random_r). */
  uint32(): number;
}

/** PCG32 seeded like pcg32_srandom_r(initState, sequence). */
export function createPcg32(initState: bigint, sequence: bigint): Pcg32 {
  let state = 0n;
  const increment = ((sequence << 1n) | 1n) & MASK_64;

  function uint32(): number {
    const old = state;
    state = (old * MULTIPLIER + increment) & MASK_64;
    const xorShifted = Number((((old >> 18n) ^ old) >> 27n) & 0xffffffffn);
    const rotation = Number(old >> 59n);
    return ((xorShifted >>> rotation) | (xorShifted << (-rotation & 31))) >>> 0;
  }

  uint32();
  state = (state + BigInt.asUintN(64, initState)) & MASK_64;
  uint32();

  return {
    uint32,
    /** 53 random bits from two outputs (the genrand_res53 construction), so every double in [0, 1) step 2⁻⁵³ is reachable. */
    next(): number {
      const high = uint32() >>> 5;
      const low = uint32() >>> 6;
      return (high * 67108864 + low) / 9007199254740992;
    },
    /** Unbiased by rejection, as pcg32_boundedrand_r; one output per try. */
    int(maxExclusive: number): number {
      if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > 0x100000000) {
        throw new RangeError(`rng.int needs a whole number from 1 to 2^32, got ${maxExclusive}`);
      }
      const threshold = (0x100000000 - maxExclusive) % maxExclusive;
      for (;;) {
        const value = uint32();
        if (value >= threshold) return value % maxExclusive;
      }
    },
  };
}

/**
 * The generator behind ctx.rng(seed). Seeds are whole numbers; negative ones
 * wrap modulo 2^64 like C's uint64_t, so every integer seed is valid.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`A seed must be a whole number, got ${seed}`);
  }
  return createPcg32(BigInt(seed), WEFT_STREAM);
}
