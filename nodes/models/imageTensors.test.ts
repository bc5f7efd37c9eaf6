import { describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import {
  imageToModelInput,
  modelOutputToChannelsLast,
  parseTriple,
  toImage,
  toMask,
} from './imageTensors.ts';

// A 1×1×2 image: pixel 0 = (0.2, 0.4, 0.6), pixel 1 = (1, 0, 0.5).
const image = new Tensor('float32', [1, 1, 2, 3], Float32Array.from([0.2, 0.4, 0.6, 1, 0, 0.5]));

describe('image → model input', () => {
  it('NCHW, RGB, ImageNet mean/std: (v − mean) / std per channel plane', () => {
    const input = imageToModelInput(image, {
      layout: 'NCHW',
      bgr: false,
      range: '0-1',
      mean: [0.485, 0.456, 0.406],
      std: [0.229, 0.224, 0.225],
    });
    expect(input.dims).toEqual([1, 3, 1, 2]);
    const expected = [
      (0.2 - 0.485) / 0.229,
      (1 - 0.485) / 0.229,
      (0.4 - 0.456) / 0.224,
      (0 - 0.456) / 0.224,
      (0.6 - 0.406) / 0.225,
      (0.5 - 0.406) / 0.225,
    ];
    Array.from(input.data).forEach((value, index) =>
      expect(value).toBeCloseTo(expected[index]!, 5),
    );
  });

  it('NHWC, BGR, 0–255 keeps pixels interleaved with blue first', () => {
    const input = imageToModelInput(image, {
      layout: 'NHWC',
      bgr: true,
      range: '0-255',
      mean: [0, 0, 0],
      std: [1, 1, 1],
    });
    expect(input.dims).toEqual([1, 1, 2, 3]);
    expect(Array.from(input.data).map((v) => Math.round(v * 1000) / 1000)).toEqual([
      153, 102, 51, 127.5, 0, 255,
    ]);
  });

  it('−1…1 range maps 0 → −1 and 1 → 1', () => {
    const input = imageToModelInput(image, {
      layout: 'NHWC',
      bgr: false,
      range: '-1-1',
      mean: [0, 0, 0],
      std: [1, 1, 1],
    });
    expect(input.data[3]).toBeCloseTo(1, 6);
    expect(input.data[4]).toBeCloseTo(-1, 6);
  });

  it('parses one or three numbers, and names the field otherwise', () => {
    expect(parseTriple('0.5', 'mean')).toEqual([0.5, 0.5, 0.5]);
    expect(parseTriple('1, 2 3', 'std')).toEqual([1, 2, 3]);
    expect(() => parseTriple('1, 2', 'std')).toThrow(/not one number or three numbers/);
  });
});

describe('model output → image, mask', () => {
  it('NCHW [1, 2, 1, 2] becomes channels-last [1, 1, 2, 2]', () => {
    const out = modelOutputToChannelsLast(
      new Tensor('float32', [1, 2, 1, 2], Float32Array.from([1, 2, 3, 4])),
      'NCHW',
      'y',
    );
    expect(out.dims).toEqual([1, 1, 2, 2]);
    expect(Array.from(out.data)).toEqual([1, 3, 2, 4]);
  });

  it('a [1, H, W] map (depth) is one channel; min-max spreads it over 0…1 as grey', () => {
    const values = modelOutputToChannelsLast(
      new Tensor('float32', [1, 1, 3], Float32Array.from([2, 4, 6])),
      'NCHW',
      'depth',
    );
    expect(values.dims).toEqual([1, 1, 3, 1]);
    expect(Array.from(toImage(values, 'min-max', false).data)).toEqual([
      0, 0, 0, 0.5, 0.5, 0.5, 1, 1, 1,
    ]);
  });

  it('fixed ranges clamp; −1…1 maps 0 to 0.5', () => {
    const values = new Tensor('float32', [1, 1, 3, 1], Float32Array.from([-3, 0, 0.5]));
    expect(Array.from(toImage(values, '-1-1', false).data.filter((_, i) => i % 3 === 0))).toEqual([
      0, 0.5, 0.75,
    ]);
  });

  it('masks: sigmoid, threshold, min-max', () => {
    const values = new Tensor('float32', [1, 1, 3, 1], Float32Array.from([0, 2, -2]));
    expect(
      Array.from(toMask(values, 'sigmoid', 0.5).data).map((v) => Math.round(v * 1e4) / 1e4),
    ).toEqual([0.5, 0.8808, 0.1192]);
    expect(Array.from(toMask(values, 'threshold', 0.5).data)).toEqual([0, 1, 0]);
    expect(Array.from(toMask(values, 'min-max', 0).data)).toEqual([0.5, 1, 0]);
  });

  it('refuses outputs that are not image-like, pointing at the tensor node', () => {
    expect(() =>
      modelOutputToChannelsLast(
        new Tensor('float32', [10], new Float32Array(10)),
        'NCHW',
        'logits',
      ),
    ).toThrow(/ONNX tensor model/);
  });
});
