// The keyed pseudo-random stream behind weft-robust's patterns. Its outputs
// are part of the mark's format: a changed generator, key hash or draw order
// makes every existing mark unreadable, so none of them may change.
//
// Key → seed: 32-bit FNV-1a over the key's UTF-8 bytes. Stream: mulberry32
// (Tommy Ettinger's 32-bit generator; Math.imul keeps it exact in JS).

export interface KeyedRandom {
  /** Next uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform integer in [0, bound). */
  below(bound: number): number;
  /** +1 or −1. */
  sign(): 1 | -1;
}

export function seedFromKey(key: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash;
}

export function createKeyedRandom(seed: number): KeyedRandom {
  let state = seed >>> 0;
  function uint32(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return (value ^ (value >>> 14)) >>> 0;
  }
  return {
    uint32,
    below: (bound) => Math.floor((uint32() / 4294967296) * bound),
    sign: () => ((uint32() & 1) === 1 ? 1 : -1),
  };
}

/** A keyed permutation of 0…count−1 (Fisher–Yates, drawing from the end). */
export function keyedPermutation(random: KeyedRandom, count: number): Int32Array {
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  for (let index = count - 1; index > 0; index--) {
    const other = random.below(index + 1);
    const held = order[index] ?? 0;
    order[index] = order[other] ?? 0;
    order[other] = held;
  }
  return order;
}
