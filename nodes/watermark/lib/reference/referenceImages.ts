// The formula images of dwtdct_reference.py, pixel for pixel, so the
// known-answer test needs no committed input for them.

import type { RgbImage } from '../image.ts';

function fill(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(pixel(x, y), (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

function inside(x: number, y: number, left: number, top: number): boolean {
  return x >= left && x < left + 32 && y >= top && y < top + 32;
}

/** Bands, XOR edges and saturated patches (blue and yellow push U to its ends). */
export function patternImage(width: number, height: number): RgbImage {
  return fill(width, height, (x, y) => {
    if (inside(x, y, 16, 16)) return [0, 0, 255];
    if (inside(x, y, 64, 16)) return [255, 255, 0];
    if (inside(x, y, 16, 64)) return [255, 255, 255];
    return [
      (x * 7 + y * 3 + ((x * y) >> 7)) & 255,
      ((x ^ y) * 5 + (x >> 2)) & 255,
      (255 - x + ((y * y) >> 8)) & 255,
    ];
  });
}

/** Three linear ramps (integer division, as numpy's //). */
export function gradientImage(width: number, height: number): RgbImage {
  return fill(width, height, (x, y) => [
    Math.floor((x * 255) / (width - 1)),
    Math.floor((y * 255) / (height - 1)),
    Math.floor(((x + y) * 255) / (width + height - 2)),
  ]);
}
