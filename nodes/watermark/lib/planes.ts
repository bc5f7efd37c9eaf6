// Float planes of an RGB image and the box filter weft-robust uses for its
// masking and whitening. Planes are float32, row-major.

import type { RgbImage } from './image.ts';

/** BT.601 luma Y = 0.299 R + 0.587 G + 0.114 B, in 0…255. */
export function lumaPlane(image: RgbImage): Float32Array {
  const plane = new Float32Array(image.width * image.height);
  const { data } = image;
  for (let pixel = 0; pixel < plane.length; pixel++) {
    plane[pixel] =
      0.299 * (data[pixel * 3] ?? 0) +
      0.587 * (data[pixel * 3 + 1] ?? 0) +
      0.114 * (data[pixel * 3 + 2] ?? 0);
  }
  return plane;
}

/** Mean over the (2·radius + 1)² window, the window shrunk at the edges (running sums, O(1) per pixel). */
export function boxMean(
  plane: Float32Array,
  width: number,
  height: number,
  radius: number,
): Float32Array {
  const across = new Float32Array(plane.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    let count = 0;
    for (let x = 0; x < Math.min(radius, width); x++) {
      sum += plane[row + x] ?? 0;
      count++;
    }
    for (let x = 0; x < width; x++) {
      if (x + radius < width) {
        sum += plane[row + x + radius] ?? 0;
        count++;
      }
      if (x - radius - 1 >= 0) {
        sum -= plane[row + x - radius - 1] ?? 0;
        count--;
      }
      across[row + x] = sum / count;
    }
  }
  const output = new Float32Array(plane.length);
  for (let x = 0; x < width; x++) {
    let sum = 0;
    let count = 0;
    for (let y = 0; y < Math.min(radius, height); y++) {
      sum += across[y * width + x] ?? 0;
      count++;
    }
    for (let y = 0; y < height; y++) {
      if (y + radius < height) {
        sum += across[(y + radius) * width + x] ?? 0;
        count++;
      }
      if (y - radius - 1 >= 0) {
        sum -= across[(y - radius - 1) * width + x] ?? 0;
        count--;
      }
      output[y * width + x] = sum / count;
    }
  }
  return output;
}

/** plane − its box mean: the detail a spread-spectrum detector correlates against. */
export function highPass(
  plane: Float32Array,
  width: number,
  height: number,
  radius: number,
): Float32Array {
  const mean = boxMean(plane, width, height, radius);
  const output = new Float32Array(plane.length);
  for (let index = 0; index < plane.length; index++)
    output[index] = (plane[index] ?? 0) - (mean[index] ?? 0);
  return output;
}

/** Local RMS of a plane over the (2·radius + 1)² window. */
export function localRms(
  plane: Float32Array,
  width: number,
  height: number,
  radius: number,
): Float32Array {
  const squares = new Float32Array(plane.length);
  for (let index = 0; index < plane.length; index++) squares[index] = (plane[index] ?? 0) ** 2;
  const mean = boxMean(squares, width, height, radius);
  for (let index = 0; index < mean.length; index++)
    mean[index] = Math.sqrt(Math.max(0, mean[index] ?? 0));
  return mean;
}
