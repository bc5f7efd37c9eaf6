// weft-robust, detection. The image's luma is resampled into the canonical
// domain under each crop hypothesis, whitened, folded onto one tile, and the
// tile's circular shift found by correlation with the sync chips.
//
//  1. Crop hypotheses: the received image is a fraction (fx, fy) of the
//     marked one's extent: fx = fy ∈ {1, 0.99, …, 0.78}, and crops of one
//     axis only (fx or fy = 1). Resizes of any size need no hypothesis
//     (fx = fy = 1): the domain is defined relative to the whole image.
//  2. For each, luma → area-resampled to round(CANONICAL·fx) ×
//     round(CANONICAL·fy); whitened: minus its 3×3 mean, divided by its
//     local detail RMS (5×5) + 1 (flat areas and edges weigh alike); summed
//     onto TILE × TILE by position modulo TILE (the folded tile).
//  3. For each of the TILE² circular shifts: the one-sample t statistic of
//     pn·F over the sync chips (Student's t with SYNC_CHIPS − 1 degrees of
//     freedom on an unmarked image; unlike Σ pn·F / √Σ F² it is not capped
//     at √SYNC_CHIPS when the mark dominates). The largest z over all
//     hypotheses and shifts picks the alignment.
//  4. Payload bit b: the sign of Σ pn·F over its chips (soft score: that sum
//     over √Σ F², a z per bit).
//
// Confidence: with an expected payload, pValue = P(Binomial(L, ½) ≥
// agreements) (sync and payload chips are disjoint, so the alignment search
// does not bias it); without one, pValue = min(1, M·P(T ≥ t)) for the sync
// peak over the M hypotheses × shifts searched (Bonferroni). detected =
// pValue ≤ threshold (1e-6 by default: ≤ 1e-6 false positives per image).

import { assertRgbImage, type RgbImage } from './image.ts';
import { highPass, localRms, lumaPlane } from './planes.ts';
import { areaResample } from './resample.ts';
import { CANONICAL, chipLayout, DEFAULT_KEY, TILE, type ChipLayout } from './robustLayout.ts';
import { binomialTail, studentTail } from './statistics.ts';
import { SYNC_CHIPS } from './robustLayout.ts';

export const DEFAULT_ROBUST_THRESHOLD = 1e-6;

export interface RobustDetectOptions {
  key?: string;
  /** The payload expected, to report bit accuracy and its p-value. */
  expected?: readonly number[];
  /** p-value at or under which the mark counts as present. */
  threshold?: number;
}

export interface RobustDetection {
  bits: number[];
  /** Per bit, a z-score: its sign is the bit, its size the confidence. */
  scores: number[];
  /** Fraction of bits equal to `expected` (when given). */
  bitAccuracy?: number;
  pValue: number;
  /** The sync peak's p-value after the search (Bonferroni). */
  syncPValue: number;
  detected: boolean;
  /** The alignment found: crop fractions and the tile shift. */
  alignment: {
    fractionX: number;
    fractionY: number;
    shiftX: number;
    shiftY: number;
    syncZ: number;
  };
}

function cropHypotheses(): [number, number][] {
  const hypotheses: [number, number][] = [];
  for (let step = 0; step <= 22; step++) {
    const fraction = 1 - step / 100;
    hypotheses.push([fraction, fraction]);
    if (step > 0) hypotheses.push([fraction, 1], [1, fraction]);
  }
  return hypotheses;
}

const HYPOTHESES = cropHypotheses();

function foldedTile(
  luma: Float32Array,
  width: number,
  height: number,
  fractionX: number,
  fractionY: number,
): Float32Array {
  const domainWidth = Math.max(TILE, Math.round(CANONICAL * fractionX));
  const domainHeight = Math.max(TILE, Math.round(CANONICAL * fractionY));
  const domain = areaResample(luma, width, height, domainWidth, domainHeight);
  const detail = highPass(domain, domainWidth, domainHeight, 1);
  const scale = localRms(detail, domainWidth, domainHeight, 2);
  const tile = new Float32Array(TILE * TILE);
  for (let v = 0; v < domainHeight; v++) {
    const row = (v % TILE) * TILE;
    for (
      let u = 0, column = 0;
      u < domainWidth;
      u++, column = column === TILE - 1 ? 0 : column + 1
    ) {
      const at = v * domainWidth + u;
      tile[row + column] = (tile[row + column] ?? 0) + (detail[at] ?? 0) / ((scale[at] ?? 0) + 1);
    }
  }
  return tile;
}

/** One-sample t of values with this sum and sum of squares: mean / (sd / √n). */
function studentT(sum: number, squares: number, count: number): number {
  const mean = sum / count;
  const variance = Math.max(1e-12, (squares - count * mean * mean) / (count - 1));
  return mean / Math.sqrt(variance / count);
}

/** The folded tile repeated 2 × 2, so a circular shift reads without a modulo. */
function doubled(tile: Float32Array): Float32Array {
  const twice = new Float32Array(4 * TILE * TILE);
  for (let y = 0; y < 2 * TILE; y++) {
    for (let x = 0; x < 2 * TILE; x++)
      twice[y * 2 * TILE + x] = tile[(y % TILE) * TILE + (x % TILE)] ?? 0;
  }
  return twice;
}

function syncPeak(
  tile: Float32Array,
  layout: ChipLayout,
): { z: number; shiftX: number; shiftY: number } {
  const twice = doubled(tile);
  const offsets = Array.from(
    layout.sync,
    (position) => Math.floor(position / TILE) * 2 * TILE + (position % TILE),
  );
  const signs = Array.from(layout.sync, (position) => layout.signs[position] ?? 1);
  let best = { z: -Infinity, shiftX: 0, shiftY: 0 };
  for (let shiftY = 0; shiftY < TILE; shiftY++) {
    for (let shiftX = 0; shiftX < TILE; shiftX++) {
      const base = shiftY * 2 * TILE + shiftX;
      let sum = 0;
      let squares = 0;
      for (let chip = 0; chip < offsets.length; chip++) {
        const value = (signs[chip] ?? 1) * (twice[base + (offsets[chip] ?? 0)] ?? 0);
        sum += value;
        squares += value * value;
      }
      const z = studentT(sum, squares, offsets.length);
      if (z > best.z) best = { z, shiftX, shiftY };
    }
  }
  return best;
}

/** Per payload bit, Σ pn·F / √Σ F² over its chips at the given shift. */
function bitScores(
  tile: Float32Array,
  layout: ChipLayout,
  shiftX: number,
  shiftY: number,
): number[] {
  const sums = new Float64Array(layout.bitCount);
  const energies = new Float64Array(layout.bitCount);
  for (let position = 0; position < TILE * TILE; position++) {
    const role = layout.roles[position] ?? -1;
    if (role < 0) continue;
    const x = ((position % TILE) + shiftX) % TILE;
    const y = (Math.floor(position / TILE) + shiftY) % TILE;
    const value = tile[y * TILE + x] ?? 0;
    sums[role] = (sums[role] ?? 0) + (layout.signs[position] ?? 1) * value;
    energies[role] = (energies[role] ?? 0) + value * value;
  }
  return Array.from(sums, (sum, bit) => sum / (Math.sqrt(energies[bit] ?? 0) || 1));
}

/** Sync z and bit scores of an uncropped, unshifted image: what the embedder checks its own mark with. */
export function alignedScores(
  image: RgbImage,
  layout: ChipLayout,
): { syncZ: number; bits: number[] } {
  const tile = foldedTile(lumaPlane(image), image.width, image.height, 1, 1);
  let sum = 0;
  let squares = 0;
  for (const position of layout.sync) {
    const value = (layout.signs[position] ?? 1) * (tile[position] ?? 0);
    sum += value;
    squares += value * value;
  }
  return { syncZ: studentT(sum, squares, layout.sync.length), bits: bitScores(tile, layout, 0, 0) };
}

/** Looks for a weft-robust mark of `bitCount` bits. */
export function detectRobust(
  image: RgbImage,
  bitCount: number,
  options: RobustDetectOptions = {},
): RobustDetection {
  assertRgbImage(image);
  const layout = chipLayout(options.key ?? DEFAULT_KEY, bitCount);
  if (options.expected && options.expected.length !== bitCount) {
    throw new Error(
      `The expected payload has ${options.expected.length} bits but ${bitCount} are being read; give the same length.`,
    );
  }
  const luma = lumaPlane(image);
  let best = {
    z: -Infinity,
    shiftX: 0,
    shiftY: 0,
    fractionX: 1,
    fractionY: 1,
    tile: new Float32Array(0) as Float32Array,
  };
  for (const [fractionX, fractionY] of HYPOTHESES) {
    const tile = foldedTile(luma, image.width, image.height, fractionX, fractionY);
    const peak = syncPeak(tile, layout);
    if (peak.z > best.z) best = { ...peak, fractionX, fractionY, tile };
  }
  const scores = bitScores(best.tile, layout, best.shiftX, best.shiftY);
  const bits = scores.map((score): number => (score > 0 ? 1 : 0));
  const searched = HYPOTHESES.length * TILE * TILE;
  const syncPValue = Math.min(1, searched * studentTail(best.z, SYNC_CHIPS - 1));
  let pValue = syncPValue;
  let bitAccuracy: number | undefined;
  if (options.expected) {
    const agreements = bits.reduce(
      (count, bit, index) => count + (bit === options.expected?.[index] ? 1 : 0),
      0,
    );
    bitAccuracy = agreements / bitCount;
    pValue = binomialTail(agreements, bitCount);
  }
  const result: RobustDetection = {
    bits,
    scores,
    pValue,
    syncPValue,
    detected: pValue <= (options.threshold ?? DEFAULT_ROBUST_THRESHOLD),
    alignment: {
      fractionX: best.fractionX,
      fractionY: best.fractionY,
      shiftX: best.shiftX,
      shiftY: best.shiftY,
      syncZ: best.z,
    },
  };
  if (bitAccuracy !== undefined) result.bitAccuracy = bitAccuracy;
  return result;
}
