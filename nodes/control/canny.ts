/**
 * OpenCV's Canny (imgproc/src/canny.cpp, 4.x) as ControlNet preprocessors
 * call it: cv2.Canny(pixels, low, high) with aperture 3 and the L1 gradient,
 * on 8-bit pixels of one channel or three. Reproduced step by step so the
 * edge map is OpenCV's, pixel for pixel (canny.test.ts checks it against
 * cv2 4.6):
 *
 * 1. Sobel 3×3 per channel into 16-bit dx, dy. Canny asks Sobel for
 *    BORDER_REPLICATE (the edge pixel repeats), not the library's usual
 *    REFLECT_101.
 * 2. Magnitude |dx| + |dy|. With three channels, each pixel keeps the channel
 *    of largest magnitude (the first on a tie) and that channel's dx, dy.
 * 3. Non-maximum suppression on integers, in OpenCV's sectors: with
 *    x = |dx|, y = |dy|·2^15 and TG22 = round(tan 22.5° · 2^15) = 13573,
 *    y < x·TG22 is horizontal (keep if m > left and m ≥ right),
 *    y > x·TG22 + x·2^16 (i.e. beyond tan 67.5° = tan 22.5° + 2) is vertical
 *    (m > above and m ≥ below), anything else diagonal (m > both neighbours
 *    along the direction where dx and dy have the same sign, or the other
 *    diagonal when they differ). Pixels outside the image have magnitude 0.
 *    Only m > low is considered at all; a kept pixel with m > high is a
 *    strong edge, the others are weak.
 * 4. Hysteresis: every weak pixel 8-connected (through weak pixels) to a
 *    strong one becomes an edge. Thresholds are floored, swapped when
 *    low > high, and compared with ">".
 */
import type { Pixels8 } from './eightBit.ts';

const TG22 = 13573;
const NOT_EDGE = 1;
const WEAK = 0;
const EDGE = 2;

/** Sobel 3×3 with replicated borders: dx and dy per channel, interleaved like the pixels. */
export function sobel3(pixels: Pixels8): { dx: Int16Array; dy: Int16Array } {
  const { width, height, channels, data } = pixels;
  const dx = new Int16Array(data.length);
  const dy = new Int16Array(data.length);
  const at = (y: number, x: number, c: number) =>
    data[
      (Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))) *
        channels +
        c
    ]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const topLeft = at(y - 1, x - 1, c);
        const top = at(y - 1, x, c);
        const topRight = at(y - 1, x + 1, c);
        const left = at(y, x - 1, c);
        const right = at(y, x + 1, c);
        const bottomLeft = at(y + 1, x - 1, c);
        const bottom = at(y + 1, x, c);
        const bottomRight = at(y + 1, x + 1, c);
        const index = (y * width + x) * channels + c;
        dx[index] = topRight - topLeft + 2 * (right - left) + bottomRight - bottomLeft;
        dy[index] = bottomLeft - topLeft + 2 * (bottom - top) + bottomRight - topRight;
      }
    }
  }
  return { dx, dy };
}

export interface CannyOptions {
  low: number;
  high: number;
}

/** The edge map, one byte per pixel: 255 on an edge, 0 elsewhere. */
export function canny(pixels: Pixels8, options: CannyOptions): Pixels8 {
  const { width, height, channels } = pixels;
  const low = Math.floor(Math.min(options.low, options.high));
  const high = Math.floor(Math.max(options.low, options.high));
  const { dx, dy } = sobel3(pixels);

  // Magnitude with a ring of zeros around the image (stride width + 2).
  const stride = width + 2;
  const magnitude = new Int32Array(stride * (height + 2));
  const gradientX = new Int32Array(width * height);
  const gradientY = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let best = -1;
      let bestChannel = 0;
      for (let c = 0; c < channels; c++) {
        const index = (y * width + x) * channels + c;
        const m = Math.abs(dx[index]!) + Math.abs(dy[index]!);
        if (m > best) {
          best = m;
          bestChannel = c;
        }
      }
      const source = (y * width + x) * channels + bestChannel;
      magnitude[(y + 1) * stride + x + 1] = best;
      gradientX[y * width + x] = dx[source]!;
      gradientY[y * width + x] = dy[source]!;
    }
  }

  // The map has the same ring, marked "not an edge", so hysteresis stops there.
  const map = new Uint8Array(stride * (height + 2)).fill(NOT_EDGE);
  const stack: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y + 1) * stride + x + 1;
      const m = magnitude[at]!;
      if (m <= low) continue;
      const xs = gradientX[y * width + x]!;
      const ys = gradientY[y * width + x]!;
      const ax = Math.abs(xs);
      const ay = Math.abs(ys) * 32768;
      const tg22x = ax * TG22;
      let keep: boolean;
      if (ay < tg22x) {
        keep = m > magnitude[at - 1]! && m >= magnitude[at + 1]!;
      } else if (ay > tg22x + ax * 65536) {
        keep = m > magnitude[at - stride]! && m >= magnitude[at + stride]!;
      } else {
        const s = (xs ^ ys) < 0 ? -1 : 1;
        keep = m > magnitude[at - stride - s]! && m > magnitude[at + stride + s]!;
      }
      if (!keep) continue;
      if (m > high) {
        map[at] = EDGE;
        stack.push(at);
      } else {
        map[at] = WEAK;
      }
    }
  }

  const neighbours = [-stride - 1, -stride, -stride + 1, -1, 1, stride - 1, stride, stride + 1];
  while (stack.length > 0) {
    const at = stack.pop()!;
    for (const offset of neighbours) {
      if (map[at + offset] === WEAK) {
        map[at + offset] = EDGE;
        stack.push(at + offset);
      }
    }
  }

  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      data[y * width + x] = map[(y + 1) * stride + x + 1] === EDGE ? 255 : 0;
  return { width, height, channels: 1, data };
}
