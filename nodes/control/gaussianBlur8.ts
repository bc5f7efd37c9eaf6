/**
 * OpenCV's GaussianBlur(src, (0, 0), sigma) on 8-bit pixels, which OpenCV
 * computes bit-exactly in fixed point (smooth.dispatch.cpp, the
 * `ufixedpoint16` path), so it can be matched exactly:
 *
 * - size n = cvRound(6σ + 1) | 1 (three sigmas each side, for 8-bit);
 * - the kernel of getGaussianKernelBitExact: t_i = exp(−(i − r)² / 2σ²),
 *   normalised to sum 1 (centre tap 1 / Σt);
 * - to 8 fraction bits with error diffusion (getGaussianKernelFixedPoint_ED):
 *   the left half is rounded in order, each tap carrying the previous
 *   rounding error, mirrored to the right, and the centre takes what is
 *   left of 256, so the taps sum to exactly 256;
 * - a horizontal pass to 8 fraction bits, then a vertical pass to 16, rounded
 *   half up to a byte; borders reflect without repeating the edge (cv2's
 *   BORDER_REFLECT_101: …, 2, 1 | 0, 1, 2, …).
 *
 * OpenCV computes the kernel in its software double (softdouble); Math.exp
 * may differ from it in the last bit, which could move a tap only if a value
 * landed within an ulp of a rounding boundary.
 */
import type { Pixels8 } from './eightBit.ts';

/** cvRound: to the nearest whole number, ties to even (lrint). */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The kernel size OpenCV picks for an 8-bit image. */
export function gaussianKernelSize(sigma: number): number {
  return roundHalfEven(sigma * 3 * 2 + 1) | 1;
}

/** The fixed-point taps (sum 256) of a Gaussian of this sigma (> 0). */
export function gaussianKernel8(sigma: number): Int32Array {
  const size = gaussianKernelSize(sigma);
  const half = (size - 1) / 2;
  const scale = -0.125 / (sigma * sigma);
  const values: number[] = [];
  let sum = 0;
  // OpenCV steps x = 1 − n, 3 − n, … (twice the offset), hence −0.125 = −½ · ¼.
  for (let i = 0, x = 1 - size; i < half; i++, x += 2) {
    const t = Math.exp(x * x * scale);
    values.push(t);
    sum += t;
  }
  const multiplier = 1 / (sum * 2 + 1);
  const taps = new Int32Array(size);
  let error = 0;
  let total = 0;
  for (let i = 0; i < half; i++) {
    const adjusted = values[i]! * multiplier * 256 + error;
    const tap = roundHalfEven(adjusted);
    error = adjusted - tap;
    taps[i] = tap;
    taps[size - 1 - i] = tap;
    total += tap;
  }
  taps[half] = 256 - 2 * total;
  return taps;
}

/** OpenCV's borderInterpolate for BORDER_REFLECT_101, repeating for kernels wider than the image. */
export function reflect101(position: number, length: number): number {
  if (length === 1) return 0;
  let p = position;
  while (p < 0 || p >= length) p = p < 0 ? -p : 2 * (length - 1) - p;
  return p;
}

/** Blurs each channel; sigma ≤ 0 (or a one-tap kernel) returns the pixels unchanged. */
export function gaussianBlur8(pixels: Pixels8, sigma: number): Pixels8 {
  if (!(sigma > 0) || gaussianKernelSize(sigma) === 1) return pixels;
  const { width, height, channels, data } = pixels;
  const taps = gaussianKernel8(sigma);
  const radius = (taps.length - 1) / 2;
  const columns = Int32Array.from({ length: width + 2 * radius }, (_, i) =>
    reflect101(i - radius, width),
  );
  const rows = Int32Array.from({ length: height + 2 * radius }, (_, i) =>
    reflect101(i - radius, height),
  );
  // Horizontal sums carry 8 fraction bits (at most 255 · 256, a uint16 as in OpenCV).
  const horizontal = new Int32Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const row = y * width * channels;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < taps.length; k++)
          sum += taps[k]! * data[row + columns[x + k]! * channels + c]!;
        horizontal[row + x * channels + c] = sum;
      }
    }
  }
  const out = new Uint8Array(data.length);
  const stride = width * channels;
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < stride; i++) {
      let sum = 0;
      for (let k = 0; k < taps.length; k++)
        sum += taps[k]! * horizontal[rows[y + k]! * stride + i]!;
      out[y * stride + i] = (sum + 32768) >>> 16;
    }
  }
  return { width, height, channels, data: out };
}
