import { describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import { invertImage, thresholdImage } from './maps.ts';

/** Four pixels: black, dark grey 0.25, pure green (luminance 0.587), white. */
const pixels = new Tensor(
  'float32',
  [1, 2, 2, 3],
  Float32Array.from([0, 0, 0, 0.25, 0.25, 0.25, 0, 1, 0, 1, 1, 1]),
);

function firstChannel(image: Tensor<'float32'>): number[] {
  return Array.from(image.data.filter((_, i) => i % 3 === 0));
}

describe('control map math', () => {
  it('thresholds on Rec. 601 luminance: green (0.587) is above 0.5 but not above 0.59', () => {
    expect(firstChannel(thresholdImage(pixels, 0.5, false))).toEqual([0, 0, 1, 1]);
    expect(firstChannel(thresholdImage(pixels, 0.59, false))).toEqual([0, 0, 0, 1]);
    expect(firstChannel(thresholdImage(pixels, 0.2, false))).toEqual([0, 1, 1, 1]);
    expect(firstChannel(thresholdImage(pixels, 0, false))).toEqual([0, 1, 1, 1]);
  });

  it('inverted threshold turns dark strokes white, and writes all three channels', () => {
    const result = thresholdImage(pixels, 0.5, true);
    expect(result.dims).toEqual([1, 2, 2, 3]);
    expect(Array.from(result.data)).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('inverts each channel as 1 − v', () => {
    const result = invertImage(
      new Tensor('float32', [1, 1, 2, 3], Float32Array.from([0, 0.25, 1, 0.5, 0.75, 0.125])),
    );
    expect(Array.from(result.data)).toEqual([1, 0.75, 0, 0.5, 0.25, 0.875]);
  });
});
