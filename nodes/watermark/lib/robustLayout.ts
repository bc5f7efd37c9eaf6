// weft-robust's chip layout: the keyed tile that carries sync and payload.
//
// The mark lives in a size-independent domain: the image's luma resampled
// (area averaging) to CANONICAL × CANONICAL, whatever its size or aspect.
// There a TILE × TILE tile repeats (CANONICAL / TILE times each way). Each
// tile position is a chip with a keyed sign pn ∈ {±1} and a role: one of
// SYNC_CHIPS sync chips (value pn), or a chip of payload bit b (value
// pn·(2b − 1)); the payload bits share the remaining chips round-robin over
// a keyed permutation, so each bit is spread over the whole tile. Sync and
// payload chips are disjoint, so choosing the alignment by the sync
// correlation leaves the payload agreement of an unmarked image a fair coin
// per bit (its binomial p-value stays honest).
//
// The layout is part of the mark's format; its constants never change for a
// given format version.

import { createKeyedRandom, keyedPermutation, seedFromKey } from './keyedRandom.ts';

export const CANONICAL = 64;
export const TILE = 16;
export const SYNC_CHIPS = 64;
export const MAXIMUM_BITS = 96;
export const DEFAULT_KEY = 'weft-robust-v1';

export interface ChipLayout {
  bitCount: number;
  /** Per tile position (row-major, TILE²): the keyed sign. */
  signs: Int8Array;
  /** Per tile position: −1 for sync, else the payload bit it carries. */
  roles: Int16Array;
  /** Tile positions of the sync chips. */
  sync: Int32Array;
}

export function chipLayout(key: string, bitCount: number): ChipLayout {
  if (!Number.isInteger(bitCount) || bitCount < 1 || bitCount > MAXIMUM_BITS) {
    throw new Error(
      `The weft-robust watermark carries 1 to ${MAXIMUM_BITS} bits, not ${bitCount}; shorten the payload.`,
    );
  }
  const chips = TILE * TILE;
  const random = createKeyedRandom(seedFromKey(key));
  const signs = new Int8Array(chips);
  for (let index = 0; index < chips; index++) signs[index] = random.sign();
  const order = keyedPermutation(random, chips);
  const roles = new Int16Array(chips);
  const sync = new Int32Array(SYNC_CHIPS);
  order.forEach((position, rank) => {
    if (rank < SYNC_CHIPS) {
      roles[position] = -1;
      sync[rank] = position;
    } else {
      roles[position] = (rank - SYNC_CHIPS) % bitCount;
    }
  });
  return { bitCount, signs, roles, sync };
}

/** The tile's chip values for a payload: ±1 per position, times their bit's weight (sync chips: syncWeight). */
export function tileValues(
  layout: ChipLayout,
  bits: readonly number[],
  weights?: ArrayLike<number>,
  syncWeight = 1,
): Float32Array {
  const values = new Float32Array(layout.signs.length);
  for (let position = 0; position < values.length; position++) {
    const role = layout.roles[position] ?? -1;
    const sign = layout.signs[position] ?? 1;
    values[position] =
      role < 0 ? sign * syncWeight : sign * ((bits[role] ?? 0) * 2 - 1) * (weights?.[role] ?? 1);
  }
  return values;
}
