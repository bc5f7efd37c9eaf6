// weft-robust, embedding: a keyed ±1 tile (robustLayout.ts) in a
// size-independent domain, added to the image's luminance.
//
//  1. The tile repeats over the CANONICAL × CANONICAL domain; the domain is
//     stretched over the whole image (bilinear, pixel centres aligned), so a
//     chip covers width/CANONICAL × height/CANONICAL pixels: low enough in
//     frequency to survive JPEG 50 and halving, and a resized copy maps back
//     onto the same domain.
//  2. Perceptual masking: the pattern is scaled per pixel by
//     √((a + 4)/(ā + 4)) clamped to [0.5, 2], a = local RMS of the luma's
//     detail (5×5), ā its mean: more mark in texture, less in flat areas.
//  3. A global gain sets the RMS change to 255·10^(−psnr/20) (41 dB by
//     default); the same change is added to R, G and B (a pure luminance
//     change), rounded and clamped. When clipping or rounding leave the PSNR
//     under the target, the gain is corrected once.
//  4. Informed reweighting (a light form of improved spread spectrum): the
//     embedder reads its own mark back (aligned, no search); bits whose
//     score has the wrong sign or a small margin (the host happens to
//     correlate against them) get more of the energy budget, comfortable ones
//     less, and the mark is made again, up to REWEIGHT_ROUNDS times. The
//     total energy, hence the PSNR, stays the same. A weak sync peak (aligned
//     z under WANTED_SYNC_Z) raises the sync chips' weight the same way.
//
// Detection (robustDetect.ts) undoes the domain mapping with a small search
// over crops and a circular shift, so crops and resizes still read.

import { assertRgbImage, type RgbImage } from './image.ts';
import { bilinearResample } from './resample.ts';
import { CANONICAL, chipLayout, DEFAULT_KEY, TILE, tileValues } from './robustLayout.ts';
import { highPass, localRms, lumaPlane } from './planes.ts';
import { alignedScores } from './robustDetect.ts';
import { psnr } from './statistics.ts';

export interface RobustEmbedOptions {
  /** The secret the chip pattern is drawn from; detection needs the same key. */
  key?: string;
  /** Target PSNR of the marked image in dB (higher: fainter and less robust). Default 41. */
  psnr?: number;
}

export const DEFAULT_ROBUST_PSNR = 41;
const REWEIGHT_ROUNDS = 5;
const WANTED_MARGIN = 3;
const WANTED_SYNC_Z = 10;

function canonicalPattern(values: Float32Array): Float32Array {
  const pattern = new Float32Array(CANONICAL * CANONICAL);
  for (let v = 0; v < CANONICAL; v++) {
    for (let u = 0; u < CANONICAL; u++)
      pattern[v * CANONICAL + u] = values[(v % TILE) * TILE + (u % TILE)] ?? 0;
  }
  return pattern;
}

function maskedPattern(image: RgbImage, values: Float32Array): Float32Array {
  const { width, height } = image;
  const pattern = bilinearResample(canonicalPattern(values), CANONICAL, CANONICAL, width, height);
  const activity = localRms(highPass(lumaPlane(image), width, height, 2), width, height, 2);
  let mean = 0;
  for (const value of activity) mean += value;
  mean /= activity.length;
  let energy = 0;
  for (let index = 0; index < pattern.length; index++) {
    const mask = Math.min(2, Math.max(0.5, Math.sqrt(((activity[index] ?? 0) + 4) / (mean + 4))));
    const value = (pattern[index] ?? 0) * mask;
    pattern[index] = value;
    energy += value * value;
  }
  const rms = Math.sqrt(energy / pattern.length) || 1;
  for (let index = 0; index < pattern.length; index++) pattern[index] = (pattern[index] ?? 0) / rms;
  return pattern;
}

function addLuminance(image: RgbImage, pattern: Float32Array, gain: number): RgbImage {
  const data = new Uint8Array(image.data.length);
  for (let pixel = 0; pixel < pattern.length; pixel++) {
    const change = gain * (pattern[pixel] ?? 0);
    for (let channel = 0; channel < 3; channel++) {
      const value = Math.round((image.data[pixel * 3 + channel] ?? 0) + change);
      data[pixel * 3 + channel] = value < 0 ? 0 : value > 255 ? 255 : value;
    }
  }
  return { width: image.width, height: image.height, data };
}

/** Marks `image` with `bits` (1–96 of them); returns a new image. */
export function embedRobust(
  image: RgbImage,
  bits: readonly number[],
  options: RobustEmbedOptions = {},
): RgbImage {
  assertRgbImage(image);
  if (image.width < 32 || image.height < 32) {
    throw new Error(
      `The weft-robust watermark needs at least 32×32 pixels (the image is ${image.width}×${image.height}).`,
    );
  }
  for (const bit of bits) {
    if (bit !== 0 && bit !== 1) throw new Error(`A watermark bit must be 0 or 1, got ${bit}.`);
  }
  const target = options.psnr ?? DEFAULT_ROBUST_PSNR;
  const layout = chipLayout(options.key ?? DEFAULT_KEY, bits.length);
  const weights = new Float32Array(bits.length).fill(1);
  let syncWeight = 1;
  let marked = image;
  for (let round = 0; ; round++) {
    const pattern = maskedPattern(image, tileValues(layout, bits, weights, syncWeight));
    let gain = 255 * 10 ** (-target / 20);
    marked = addLuminance(image, pattern, gain);
    const reached = psnr(image.data, marked.data);
    if (reached < target - 0.05) {
      gain *= 10 ** ((reached - target) / 20);
      marked = addLuminance(image, pattern, gain);
    }
    if (round === REWEIGHT_ROUNDS) break;
    const scores = alignedScores(marked, layout);
    const margins = scores.bits.map((score, bit) => score * ((bits[bit] ?? 0) * 2 - 1));
    if (Math.min(...margins) >= WANTED_MARGIN && scores.syncZ >= WANTED_SYNC_Z) break;
    if (scores.syncZ < WANTED_SYNC_Z) syncWeight = Math.min(3, syncWeight * 1.4);
    margins.forEach((margin, bit) => {
      const factor = margin < WANTED_MARGIN ? (margin < 1 ? 2 : 1.4) : 0.85;
      weights[bit] = Math.min(4, Math.max(0.4, (weights[bit] ?? 1) * factor));
    });
    // Keep the payload's share of the energy (mean square weight 1), so the sync chips keep theirs.
    const meanSquare = weights.reduce((sum, weight) => sum + weight * weight, 0) / weights.length;
    for (let bit = 0; bit < weights.length; bit++)
      weights[bit] = (weights[bit] ?? 1) / Math.sqrt(meanSquare);
  }
  return marked;
}
