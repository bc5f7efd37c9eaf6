import { describe, expect, it } from 'vitest';
import { NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import {
  broadcastBatch,
  compositeImages,
  cropImage,
  linearGradient,
  padImage,
  parseColor,
  scaledSize,
  solidImage,
} from './imageOps.ts';

const f = Math.fround;

/** An image whose pixel (b, y, x) is [b, y, x] scaled down, so every value says where it came from. */
function indexed(batch: number, height: number, width: number): Tensor<'float32'> {
  const data = new Float32Array(batch * height * width * 3);
  for (let b = 0; b < batch; b++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        data.set([b / 10, y / 10, x / 10], ((b * height + y) * width + x) * 3);
  return new Tensor('float32', [batch, height, width, 3], data);
}

function pixel(image: Tensor<'float32'>, b: number, y: number, x: number): number[] {
  const [, height = 0, width = 0] = image.dims;
  const offset = ((b * height + y) * width + x) * 3;
  return [...image.data.subarray(offset, offset + 3)];
}

function thrown(action: () => unknown): NodeError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(NodeError);
    return error as NodeError;
  }
  throw new Error('expected a NodeError');
}

describe('parseColor', () => {
  it('reads #rrggbb and #rgb to exact k/255 values', () => {
    expect(parseColor('#ff8000', 'color')).toEqual([1, 128 / 255, 0]);
    expect(parseColor('#F80', 'color')).toEqual([1, 136 / 255, 0]);
    expect(parseColor('  0a0b0c ', 'color')).toEqual([10 / 255, 11 / 255, 12 / 255]);
  });

  it('names the field and the expected form when the text is not a colour', () => {
    const error = thrown(() => parseColor('red', 'padColor'));
    expect(error.field).toBe('padColor');
    expect(error.message).toBe(
      '"padColor" must be a colour written #rrggbb (for example #ff8800), got "red".',
    );
    expect(() => parseColor('#12345', 'color')).toThrow(/#rrggbb/);
  });
});

describe('solidImage and linearGradient', () => {
  it('fills every pixel of every batch item', () => {
    const image = solidImage(2, 3, [0.2, 0.4, 1], 2);
    expect(image.dims).toEqual([2, 3, 2, 3]);
    for (let i = 0; i < image.size; i += 3)
      expect([...image.data.subarray(i, i + 3)]).toEqual([f(0.2), f(0.4), 1]);
  });

  it('runs left to right at 0°: exact ends and evenly spaced columns', () => {
    const from = [0, 0.5, 1] as const;
    const to = [1, 0.5, 0] as const;
    const image = linearGradient(5, 2, from, to, 0);
    for (const y of [0, 1]) {
      expect(pixel(image, 0, y, 0)).toEqual([0, 0.5, 1]);
      expect(pixel(image, 0, y, 4)).toEqual([1, 0.5, 0]);
      expect(pixel(image, 0, y, 1)).toEqual([0.25, 0.5, 0.75]);
      expect(pixel(image, 0, y, 2)).toEqual([0.5, 0.5, 0.5]);
    }
  });

  it('runs top to bottom at 90° and right to left at 180°', () => {
    const down = linearGradient(3, 3, [0, 0, 0], [1, 1, 1], 90);
    expect(pixel(down, 0, 0, 2)).toEqual([0, 0, 0]);
    expect(pixel(down, 0, 1, 0)).toEqual([0.5, 0.5, 0.5]);
    expect(pixel(down, 0, 2, 1)).toEqual([1, 1, 1]);
    const back = linearGradient(3, 1, [0, 0, 0], [1, 1, 1], 180);
    expect([pixel(back, 0, 0, 0)[0], pixel(back, 0, 0, 2)[0]]).toEqual([1, 0]);
  });

  it('goes corner to corner at 45° with the true visual angle on a wide image', () => {
    const image = linearGradient(5, 3, [0, 0, 0], [1, 1, 1], 45);
    expect(pixel(image, 0, 0, 0)).toEqual([0, 0, 0]);
    expect(pixel(image, 0, 2, 4)).toEqual([1, 1, 1]);
    // The centre is exactly half way; (4, 0) projects to (2·c - 1·s) / (2·3·c) + 0.5 = 2/3.
    expect(pixel(image, 0, 1, 2)[0]).toBe(0.5);
    expect(pixel(image, 0, 0, 4)[0]).toBeCloseTo(2 / 3, 6);
  });

  it('is the from colour on a single-pixel line along the angle', () => {
    expect(pixel(linearGradient(1, 4, [0.2, 0.2, 0.2], [1, 1, 1], 0), 0, 3, 0)).toEqual([
      f(0.2),
      f(0.2),
      f(0.2),
    ]);
  });
});

describe('cropImage', () => {
  it('takes the same window from every batch item, for images and masks', () => {
    const image = indexed(2, 4, 5);
    const cropped = cropImage(image, 1, 2, 3, 2);
    expect(cropped.dims).toEqual([2, 2, 3, 3]);
    expect(pixel(cropped, 0, 0, 0)).toEqual([0, f(0.2), f(0.1)]);
    expect(pixel(cropped, 1, 1, 2)).toEqual([f(0.1), f(0.3), f(0.3)]);

    const mask = new Tensor('float32', [1, 2, 3], Float32Array.from([0, 1, 2, 3, 4, 5]));
    const croppedMask = cropImage(mask, 1, 1, 2, 1);
    expect(croppedMask.dims).toEqual([1, 1, 2]);
    expect([...croppedMask.data]).toEqual([4, 5]);
  });

  it('names the field and the image size when the window leaves the image', () => {
    const image = indexed(1, 4, 5);
    const wide = thrown(() => cropImage(image, 3, 0, 3, 1));
    expect(wide.field).toBe('width');
    expect(wide.message).toBe(
      '"width" is 3, but from x = 3 the 5×4 image has only 2 pixels to the right edge.',
    );
    expect(thrown(() => cropImage(image, 5, 0, 1, 1)).field).toBe('x');
    expect(thrown(() => cropImage(image, 0, -1, 1, 1)).field).toBe('y');
    const tall = thrown(() => cropImage(image, 0, 1, 1, 4));
    expect(tall.field).toBe('height');
    expect(tall.message).toContain('5×4');
  });
});

describe('padImage', () => {
  it('adds borders of the fill colour and keeps the image in place', () => {
    const image = indexed(1, 1, 2);
    const padded = padImage(image, { top: 1, right: 2, bottom: 0, left: 1 }, [1, 0, 0]);
    expect(padded.dims).toEqual([1, 2, 5, 3]);
    expect(pixel(padded, 0, 0, 0)).toEqual([1, 0, 0]);
    expect(pixel(padded, 0, 1, 0)).toEqual([1, 0, 0]);
    expect(pixel(padded, 0, 1, 1)).toEqual([0, 0, 0]);
    expect(pixel(padded, 0, 1, 2)).toEqual([0, 0, f(0.1)]);
    expect(pixel(padded, 0, 1, 4)).toEqual([1, 0, 0]);
  });
});

describe('compositeImages', () => {
  const base = solidImage(4, 3, [0.5, 0.5, 0.5]);
  const overlay = solidImage(2, 2, [1, 0, 0.25]);

  it('places the overlay at x, y and leaves the rest of the base alone', () => {
    const out = compositeImages(base, overlay, { x: 1, y: 1, opacity: 1, blend: 'normal' });
    expect(out.dims).toEqual([1, 3, 4, 3]);
    expect(pixel(out, 0, 0, 1)).toEqual([0.5, 0.5, 0.5]);
    expect(pixel(out, 0, 1, 1)).toEqual([1, 0, 0.25]);
    expect(pixel(out, 0, 2, 2)).toEqual([1, 0, 0.25]);
    expect(pixel(out, 0, 2, 3)).toEqual([0.5, 0.5, 0.5]);
  });

  it('clips an overlay that is partly outside, including negative positions', () => {
    const overlayIndexed = indexed(1, 2, 2);
    const out = compositeImages(base, overlayIndexed, { x: -1, y: 2, opacity: 1, blend: 'normal' });
    // Only overlay pixel (0, 1) lands, on base pixel (2, 0).
    expect(pixel(out, 0, 2, 0)).toEqual([0, 0, f(0.1)]);
    expect(pixel(out, 0, 2, 1)).toEqual([0.5, 0.5, 0.5]);
    expect(pixel(out, 0, 1, 0)).toEqual([0.5, 0.5, 0.5]);
  });

  it('blends with opacity times mask, and multiply and screen', () => {
    const mask = new Tensor('float32', [1, 2, 2], Float32Array.from([1, 0.5, 0, 1]));
    const out = compositeImages(base, overlay, { x: 0, y: 0, opacity: 0.5, blend: 'normal', mask });
    expect(pixel(out, 0, 0, 0)).toEqual([0.75, 0.25, 0.375]);
    expect(pixel(out, 0, 0, 1)).toEqual([0.625, 0.375, 0.4375]);
    expect(pixel(out, 0, 1, 0)).toEqual([0.5, 0.5, 0.5]);

    const multiply = compositeImages(base, overlay, { x: 0, y: 0, opacity: 1, blend: 'multiply' });
    expect(pixel(multiply, 0, 0, 0)).toEqual([0.5, 0, 0.125]);
    const screen = compositeImages(base, overlay, { x: 0, y: 0, opacity: 1, blend: 'screen' });
    expect(pixel(screen, 0, 0, 0)).toEqual([1, 0.5, 0.625]);
  });

  it('broadcasts a batch of 1 and refuses other mismatches', () => {
    const bases = indexed(3, 2, 2);
    const out = compositeImages(bases, solidImage(1, 1, [1, 1, 1]), {
      x: 1,
      y: 1,
      opacity: 1,
      blend: 'normal',
    });
    expect(out.dims).toEqual([3, 2, 2, 3]);
    expect(pixel(out, 2, 1, 1)).toEqual([1, 1, 1]);
    expect(pixel(out, 2, 0, 0)).toEqual([f(0.2), 0, 0]);

    const overlays = indexed(2, 1, 1);
    const broadcastBase = compositeImages(base, overlays, {
      x: 0,
      y: 0,
      opacity: 1,
      blend: 'normal',
    });
    expect(broadcastBase.dims).toEqual([2, 3, 4, 3]);
    expect(pixel(broadcastBase, 1, 0, 0)).toEqual([f(0.1), 0, 0]);

    const error = thrown(() =>
      compositeImages(bases, indexed(2, 1, 1), { x: 0, y: 0, opacity: 1, blend: 'normal' }),
    );
    expect(error.message).toBe(
      'Batch sizes do not match (base has 3, overlay has 2). Each must be 1 or the same as the others.',
    );
    expect(broadcastBatch([{ name: 'a', batch: 1 }])).toBe(1);
  });

  it('refuses a mask of another size than the overlay', () => {
    const mask = new Tensor('float32', [1, 3, 3], new Float32Array(9));
    const error = thrown(() =>
      compositeImages(base, overlay, { x: 0, y: 0, opacity: 1, blend: 'normal', mask }),
    );
    expect(error.field).toBe('mask');
    expect(error.message).toContain('The mask is 3×3 but the overlay is 2×2');
  });
});

describe('scaledSize', () => {
  const source = { width: 400, height: 200 };
  it('stretches, fits inside, or covers the target', () => {
    expect(scaledSize('stretch', source, { width: 100, height: 100 })).toEqual({
      width: 100,
      height: 100,
    });
    expect(scaledSize('fit', source, { width: 100, height: 100 })).toEqual({
      width: 100,
      height: 50,
    });
    expect(scaledSize('pad', source, { width: 100, height: 100 })).toEqual({
      width: 100,
      height: 50,
    });
    expect(scaledSize('fill', source, { width: 100, height: 100 })).toEqual({
      width: 200,
      height: 100,
    });
    expect(scaledSize('fit', { width: 3, height: 1000 }, { width: 64, height: 64 })).toEqual({
      width: 1,
      height: 64,
    });
  });
});
