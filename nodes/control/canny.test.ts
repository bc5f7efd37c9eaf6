/**
 * Canny against OpenCV itself: fixtures/canny-reference.json holds cv2 4.6's
 * grey conversion, Gaussian blur and Canny edge maps for the images of
 * fixtures/testImages.ts (written by fixtures/canny_reference.py), and every
 * one must match bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { canny, sobel3 } from './canny.ts';
import type { Pixels8 } from './eightBit.ts';
import { rgbToGray } from './eightBit.ts';
import {
  bitDifferences,
  CANNY_REFERENCE as reference,
  packBits,
  toHex as hex,
} from './fixtures/cannyReference.ts';
import { blocksImage, noiseImage, shapesImage } from './fixtures/testImages.ts';
import { gaussianBlur8, gaussianKernel8, gaussianKernelSize } from './gaussianBlur8.ts';

const IMAGES: Record<string, () => Pixels8> = {
  shapes: shapesImage,
  noise: noiseImage,
  blocks: blocksImage,
};

function count(map: Pixels8): number {
  return map.data.reduce((n, value) => n + (value === 255 ? 1 : 0), 0);
}

describe('Canny against cv2.Canny (OpenCV 4.6)', () => {
  it('the reference was made with OpenCV 4.6 from the same images', () => {
    expect(reference.opencv).toBe('4.6.0');
    for (const image of reference.images) {
      const pixels = IMAGES[image.name]!();
      expect([pixels.width, pixels.height]).toEqual([image.width, image.height]);
      expect(pixels.data.reduce((sum, value) => sum + value, 0)).toBe(image.rgbSum);
    }
  });

  it('converts RGB to grey exactly as cvtColor(RGB2GRAY)', () => {
    for (const image of reference.images)
      expect(hex(rgbToGray(IMAGES[image.name]!()).data)).toBe(image.gray);
  });

  it('blurs exactly as GaussianBlur(grey, (0, 0), sigma)', () => {
    let checked = 0;
    for (const image of reference.images) {
      const gray = rgbToGray(IMAGES[image.name]!());
      for (const test of image.cases.filter((c) => c.blurred !== undefined)) {
        expect(hex(gaussianBlur8(gray, test.sigma).data)).toBe(test.blurred);
        checked++;
      }
    }
    expect(checked).toBe(6);
  });

  for (const image of reference.images) {
    for (const test of image.cases) {
      const label = `${image.name} ${test.source} ${test.low}/${test.high}${test.sigma > 0 ? ` σ ${test.sigma}` : ''}`;
      it(`matches cv2.Canny on ${label} (${test.count} edge pixels)`, () => {
        const rgb = IMAGES[image.name]!();
        const source = test.source === 'gray' ? rgbToGray(rgb) : rgb;
        const edges = canny(gaussianBlur8(source, test.sigma), { low: test.low, high: test.high });
        expect(bitDifferences(packBits(edges), test.edges, image.width)).toEqual([]);
        expect(count(edges)).toBe(test.count);
      });
    }
  }
});

describe('Canny steps', () => {
  it('Sobel repeats the border pixel (BORDER_REPLICATE): a ramp has the same dx at its edges', () => {
    // Row 0, 10, 20, 30: inside dx = 4·10·2 = 80; at x = 0 the left neighbour is x = 0 itself → 4·10 = 40.
    const ramp: Pixels8 = {
      width: 4,
      height: 2,
      channels: 1,
      data: Uint8Array.from([0, 10, 20, 30, 0, 10, 20, 30]),
    };
    const { dx, dy } = sobel3(ramp);
    expect(Array.from(dx)).toEqual([40, 80, 80, 40, 40, 80, 80, 40]);
    expect(Array.from(dy)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('a vertical step gives one line, kept on the side that wins the ≥ tie', () => {
    // Columns 0–3 black, 4–7 white: magnitudes 0, 0, 0, 1020, 1020, 0, … along each row;
    // m > left and m ≥ right keeps column 3 only.
    const step: Pixels8 = {
      width: 8,
      height: 5,
      channels: 1,
      data: Uint8Array.from({ length: 40 }, (_, i) => (i % 8 >= 4 ? 255 : 0)),
    };
    const edges = canny(step, { low: 100, high: 200 });
    for (let y = 0; y < 5; y++)
      expect(Array.from(edges.data.subarray(y * 8, y * 8 + 8))).toEqual([0, 0, 0, 255, 0, 0, 0, 0]);
  });

  it('hysteresis keeps weak pixels only when 8-connected to a strong one, and swaps low > high', () => {
    // Rows 2–3 are 40 (100 in column 4) under black rows 0–1. Row 1's edge has m = |dy| = 160 (weak
    // at 100/200) away from the bump and 280 at it (strong); rows 2–3 carry the bump's sides (m 400+).
    const data = new Uint8Array(9 * 4);
    data.fill(40, 18);
    data[2 * 9 + 4] = 100;
    data[3 * 9 + 4] = 100;
    const bump: Pixels8 = { width: 9, height: 4, channels: 1, data };
    const picture = (low: number, high: number) => {
      const edges = canny(bump, { low, high });
      return [0, 1, 2, 3].map((y) =>
        Array.from(edges.data.subarray(y * 9, y * 9 + 9), (v) => (v ? '#' : '.')).join(''),
      );
    };
    // The weak runs of row 1 reach the strong sides diagonally, so they stay.
    expect(picture(100, 200)).toEqual(['.........', '###.#.###', '...#.#...', '...#.#...']);
    expect(picture(200, 100)).toEqual(picture(100, 200));
    // m = 160 is not > 160: the weak runs are not even candidates.
    expect(picture(160, 200)).toEqual(['.........', '....#....', '...#.#...', '...#.#...']);
    // Nothing is strong, so nothing is an edge.
    expect(picture(100, 1000)).toEqual(['.........', '.........', '.........', '.........']);
  });

  it('blurs a 5×4 image with a 19-tap kernel (σ 3) as cv2 does, reflecting more than once', () => {
    // Input bytes i·37 mod 256; the expected bytes are cv2.GaussianBlur(image, (0, 0), σ) in OpenCV 4.6.
    const image: Pixels8 = {
      width: 5,
      height: 4,
      channels: 1,
      data: Uint8Array.from({ length: 20 }, (_, i) => (i * 37) % 256),
    };
    expect(hex(gaussianBlur8(image, 3).data)).toBe('7675757474757574747475757574747676767575');
    expect(hex(gaussianBlur8(image, 0.8).data)).toBe('68634c525f8a8160595881888b8672667690998c');
    expect(gaussianBlur8(image, 0)).toBe(image);
  });

  it('builds OpenCV’s fixed-point Gaussian kernels (sum 256, error-diffused)', () => {
    expect(gaussianKernelSize(1)).toBe(7);
    expect(gaussianKernelSize(1.4)).toBe(9);
    expect(gaussianKernelSize(0.05)).toBe(1);
    expect(gaussianKernelSize(0.1)).toBe(3);
    expect(Array.from(gaussianKernel8(1))).toEqual([1, 14, 62, 102, 62, 14, 1]);
    expect(Array.from(gaussianKernel8(2)).reduce((a, b) => a + b)).toBe(256);
  });
});
