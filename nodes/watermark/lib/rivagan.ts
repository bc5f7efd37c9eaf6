// Tensors for RivaGAN-contract watermark models (the encoder/decoder pair
// published with the invisible-watermark library; MODEL-CONTRACTS.md):
//
//   encoder: frame float32 [B, 3, 1, H, W] + data float32 [B, 32] (bits as 0/1)
//            → output [B, 3, 1, H, W]
//   decoder: frame → output [B, 32], raw scores; bit = score > 0.52
//
// A frame holds the library's OpenCV pixels: channel order B, G, R, values
// x / 127.5 − 1 computed in float32 step by step as torch does (the division
// rounded to float32 before the subtraction; one rounding of the exact value
// differs in the last bit for half of the 256 inputs). The time axis has
// length 1: one image per batch entry.
//
// Back to pixels: clamp to [−1, 1], (v + 1) · 127.5 in float32, then round
// half up. The library itself truncates there (numpy astype('uint8')), which
// darkens by half a level on average; `rounding: 'truncate'` reproduces it.

import { assertRgbImage, type RgbImage } from './image.ts';

export const RIVAGAN_BITS = 32;
export const RIVAGAN_THRESHOLD = 0.52;

const f32 = Math.fround;
const HALF_RANGE = f32(127.5);

export interface RivaganFrames {
  data: Float32Array;
  /** [B, 3, 1, H, W] */
  dims: [number, 3, 1, number, number];
}

/** RGB images of one size → the models' `frame` tensor. */
export function rivaganFrames(images: readonly RgbImage[]): RivaganFrames {
  const first = images[0];
  if (!first) throw new Error('No images were given to the watermark model; connect at least one.');
  const { width, height } = first;
  const plane = width * height;
  const data = new Float32Array(images.length * 3 * plane);
  images.forEach((image, batch) => {
    assertRgbImage(image);
    if (image.width !== width || image.height !== height) {
      throw new Error(
        `The images in one batch must share a size: ${image.width}×${image.height} differs from ${width}×${height}; resize them first.`,
      );
    }
    for (let channel = 0; channel < 3; channel++) {
      const source = 2 - channel; // B, G, R from R, G, B
      const offset = (batch * 3 + channel) * plane;
      for (let pixel = 0; pixel < plane; pixel++) {
        data[offset + pixel] = f32(f32((image.data[pixel * 3 + source] ?? 0) / HALF_RANGE) - 1);
      }
    }
  });
  return { data, dims: [images.length, 3, 1, height, width] };
}

export interface RivaganImageOptions {
  rounding?: 'round' | 'truncate';
}

/** The encoder's `output` [B, 3, 1, H, W] → RGB images. */
export function rivaganImages(
  output: Float32Array,
  dims: readonly number[],
  options: RivaganImageOptions = {},
): RgbImage[] {
  const [batchSize = 0, channels, time, height = 0, width = 0] = dims;
  if (
    dims.length !== 5 ||
    channels !== 3 ||
    time !== 1 ||
    output.length !== batchSize * 3 * height * width
  ) {
    throw new Error(
      `The watermark model returned a tensor of shape [${dims.join(', ')}] (${output.length} values); a RivaGAN encoder returns [B, 3, 1, H, W].`,
    );
  }
  const truncate = options.rounding === 'truncate';
  const plane = width * height;
  const images: RgbImage[] = [];
  for (let batch = 0; batch < batchSize; batch++) {
    const pixels = new Uint8Array(plane * 3);
    for (let channel = 0; channel < 3; channel++) {
      const target = 2 - channel;
      const offset = (batch * 3 + channel) * plane;
      for (let pixel = 0; pixel < plane; pixel++) {
        const raw = output[offset + pixel] ?? 0;
        const clamped = raw < -1 ? -1 : raw > 1 ? 1 : Number.isNaN(raw) ? 0 : raw;
        const level = f32(f32(clamped + 1) * HALF_RANGE);
        pixels[pixel * 3 + target] = truncate ? Math.trunc(level) : Math.round(level);
      }
    }
    images.push({ width, height, data: pixels });
  }
  return images;
}

/** Payloads (32 bits each) → the encoder's `data` [B, 32]. */
export function rivaganData(payloads: readonly (readonly number[])[]): Float32Array {
  const data = new Float32Array(payloads.length * RIVAGAN_BITS);
  payloads.forEach((bits, batch) => {
    if (bits.length !== RIVAGAN_BITS) {
      throw new Error(
        `A RivaGAN watermark holds exactly 32 bits, but the payload has ${bits.length}; use 32 bits (4 bytes).`,
      );
    }
    bits.forEach((bit, index) => {
      if (bit !== 0 && bit !== 1) throw new Error(`A watermark bit must be 0 or 1, got ${bit}.`);
      data[batch * RIVAGAN_BITS + index] = bit;
    });
  });
  return data;
}

/** The decoder's raw scores [B, 32] → bits per image (score > threshold). */
export function rivaganBits(scores: Float32Array, threshold = RIVAGAN_THRESHOLD): number[][] {
  if (scores.length % RIVAGAN_BITS !== 0) {
    throw new Error(
      `The watermark decoder returned ${scores.length} scores; a RivaGAN decoder returns 32 per image.`,
    );
  }
  const result: number[][] = [];
  for (let batch = 0; batch < scores.length / RIVAGAN_BITS; batch++) {
    const row: number[] = [];
    for (let index = 0; index < RIVAGAN_BITS; index++) {
      row.push((scores[batch * RIVAGAN_BITS + index] ?? 0) > threshold ? 1 : 0);
    }
    result.push(row);
  }
  return result;
}
