// The "dwtDct" method of the invisible-watermark library (imwatermark,
// EmbedMaxDct with its defaults: scales [0, 36, 36] of which only the U entry
// is used, 4×4 blocks), byte for byte. Stable Diffusion's and SDXL's scripts
// mark their outputs with it. Despite the name no DCT is applied.
//
// Embed (the library's encode on cv2 BGR pixels; here the same colours as RGB):
//  1. YUV = OpenCV's uint8 COLOR_BGR2YUV (opencvYuv.ts).
//  2. U cropped to rows, cols rounded down to multiples of 4, as float64;
//     one-level Haar (haar.ts): cA, cH, cV, cD.
//  3. cA in 4×4 blocks, row-major; block k carries bit k mod L. In each block
//     the coefficient of largest |v| other than [0,0] (first one on ties) is
//     set to sign(v)·(⌊|v| / 36⌋ + 0.25 + 0.5·bit)·36 (⌊⌋ is numpy's float
//     floor_divide, pythonFloorDivide below). Blocks past the last whole one
//     are left alone.
//  4. The inverse Haar gets (cA, (cV, cH, cD)): the library passes the two
//     detail bands swapped, so an unmarked block's U changes too. The result
//     is written into the uint8 U plane by numpy's cast: truncation toward
//     zero, then wrapping modulo 256 (x86 behaviour for out-of-range values).
//  5. RGB = OpenCV's uint8 COLOR_YUV2BGR of the whole image (the uncropped
//     border is round-tripped too).
//
// Detect: steps 1–2, then per block score = (|v| mod 36) > 18 for the same
// coefficient; per bit position the mean score; bit = mean·255 > 127 (so a
// tie at exactly 0.5 reads 1, as in the library). A bit with no block (more
// bits than blocks) reads 0 with score NaN.

import { haarForward, haarInverse } from './haar.ts';
import { assertRgbImage, type RgbImage } from './image.ts';
import { opencvYuvToRgb, rgbToOpencvYuv } from './opencvYuv.ts';

export const DWT_DCT_SCALE = 36;
const BLOCK = 4;
const MINIMUM_PIXELS = 256 * 256;

export interface DwtDctOptions {
  /** Quantisation step of the U channel (the library's scales[1]); 36 by default. */
  scale?: number;
}

export interface DwtDctDetection {
  bits: number[];
  /** Per bit, the fraction of its blocks that read 1 (NaN when it has none). */
  scores: number[];
}

/** numpy's float64 floor_divide (fmod based), which can differ from ⌊a / b⌋ near integers. */
export function pythonFloorDivide(dividend: number, divisor: number): number {
  let remainder = dividend % divisor;
  let quotient = (dividend - remainder) / divisor;
  if (remainder !== 0 && divisor < 0 !== remainder < 0) {
    remainder += divisor;
    quotient -= 1;
  }
  if (quotient === 0) return 0;
  let floored = Math.floor(quotient);
  if (quotient - floored > 0.5) floored += 1;
  return floored;
}

function checkSize(image: RgbImage): void {
  assertRgbImage(image);
  if (image.width * image.height < MINIMUM_PIXELS) {
    throw new Error(
      `The dwtDct watermark needs at least 256×256 pixels (the image is ${image.width}×${image.height}); use a larger image.`,
    );
  }
}

interface UPlane {
  yuv: Uint8Array;
  rows: number;
  cols: number;
  plane: Float64Array;
}

function extractU(image: RgbImage): UPlane {
  const yuv = rgbToOpencvYuv(image.data);
  const rows = Math.floor(image.height / 4) * 4;
  const cols = Math.floor(image.width / 4) * 4;
  const plane = new Float64Array(rows * cols);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      plane[row * cols + col] = yuv[(row * image.width + col) * 3 + 1] ?? 0;
    }
  }
  return { yuv, rows, cols, plane };
}

/** Index (into the band) of the block's largest-|v| coefficient other than its first. */
function strongestInBlock(band: Float64Array, bandCols: number, top: number, left: number): number {
  let best = -1;
  let bestMagnitude = -1;
  for (let position = 1; position < BLOCK * BLOCK; position++) {
    const at = (top + Math.floor(position / BLOCK)) * bandCols + left + (position % BLOCK);
    const magnitude = Math.abs(band[at] ?? 0);
    if (magnitude > bestMagnitude) {
      bestMagnitude = magnitude;
      best = at;
    }
  }
  return best;
}

function checkBits(bits: readonly number[]): void {
  if (bits.length === 0)
    throw new Error('The watermark payload is empty; give it at least one bit.');
  for (const bit of bits) {
    if (bit !== 0 && bit !== 1) throw new Error(`A watermark bit must be 0 or 1, got ${bit}.`);
  }
}

/** Marks the image with the library's dwtDct; returns a new image. */
export function embedDwtDct(
  image: RgbImage,
  bits: readonly number[],
  options: DwtDctOptions = {},
): RgbImage {
  checkSize(image);
  checkBits(bits);
  const scale = options.scale ?? DWT_DCT_SCALE;
  const { yuv, rows, cols, plane } = extractU(image);
  const bands = haarForward(plane, rows, cols);
  const band = bands.approximation;
  let block = 0;
  for (let top = 0; top + BLOCK <= bands.rows; top += BLOCK) {
    for (let left = 0; left + BLOCK <= bands.cols; left += BLOCK) {
      const bit = bits[block % bits.length] ?? 0;
      const at = strongestInBlock(band, bands.cols, top, left);
      const value = band[at] ?? 0;
      const level = (pythonFloorDivide(Math.abs(value), scale) + 0.25 + 0.5 * bit) * scale;
      band[at] = value >= 0 ? level : -1 * level;
      block++;
    }
  }
  const marked = haarInverse({ ...bands, horizontal: bands.vertical, vertical: bands.horizontal });
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      yuv[(row * image.width + col) * 3 + 1] = Math.trunc(marked[row * cols + col] ?? 0) & 255;
    }
  }
  return { width: image.width, height: image.height, data: opencvYuvToRgb(yuv) };
}

/** Reads `bitCount` bits marked by dwtDct (by Weft or by the library). */
export function detectDwtDct(
  image: RgbImage,
  bitCount: number,
  options: DwtDctOptions = {},
): DwtDctDetection {
  checkSize(image);
  if (!Number.isInteger(bitCount) || bitCount <= 0) {
    throw new Error(
      `The number of watermark bits to read must be a positive whole number, got ${bitCount}.`,
    );
  }
  const scale = options.scale ?? DWT_DCT_SCALE;
  const { rows, cols, plane } = extractU(image);
  const bands = haarForward(plane, rows, cols);
  const ones = new Array<number>(bitCount).fill(0);
  const counts = new Array<number>(bitCount).fill(0);
  let block = 0;
  for (let top = 0; top + BLOCK <= bands.rows; top += BLOCK) {
    for (let left = 0; left + BLOCK <= bands.cols; left += BLOCK) {
      const value = Math.abs(
        bands.approximation[strongestInBlock(bands.approximation, bands.cols, top, left)] ?? 0,
      );
      const position = block % bitCount;
      if (value % scale > 0.5 * scale) ones[position] = (ones[position] ?? 0) + 1;
      counts[position] = (counts[position] ?? 0) + 1;
      block++;
    }
  }
  const scores = ones.map((count, position) => count / (counts[position] ?? 0));
  return { bits: scores.map((score) => (score * 255 > 127 ? 1 : 0)), scores };
}
