import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { NodeError } from '../../common/nodeApi.ts';
import { Tensor } from '../../common/tensor.ts';
import { createSharpImageCodec } from './sharpImages.ts';

const codec = createSharpImageCodec();

function image(
  height: number,
  width: number,
  values: readonly number[],
  batch = 1,
): Tensor<'float32'> {
  return new Tensor('float32', [batch, height, width, 3], Float32Array.from(values));
}

/** A deterministic batch with every channel on the 8-bit grid (k / 255). */
function gridImage(height: number, width: number, batch = 1): Tensor<'float32'> {
  const values = Array.from(
    { length: batch * height * width * 3 },
    (_, i) => ((i * 37 + 11) % 256) / 255,
  );
  return image(height, width, values, batch);
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('encode and decode', () => {
  it('round-trips a PNG within 1/255, exactly on the 8-bit grid', async () => {
    const source = gridImage(5, 7);
    const png = await codec.encode(source, 0, 'png');
    const decoded = await codec.decode(png);
    expect(decoded.image.dims).toEqual([1, 5, 7, 3]);
    expect(decoded.mask).toBeNull();
    expect(maxDifference(decoded.image.data, source.data)).toBe(0);

    const offGrid = image(1, 2, [0.1, 0.2, 0.3, 0.4, 0.55, 0.99]);
    const back = await codec.decode(await codec.encode(offGrid, 0, 'png'));
    expect(maxDifference(back.image.data, offGrid.data)).toBeLessThanOrEqual(0.5 / 255 + 1e-7);
  });

  it('clamps out-of-range values and NaN, and rounds to the nearest 8-bit level', async () => {
    const source = image(1, 2, [-0.5, 1.7, Number.NaN, 0.51 / 255, 0.49 / 255, 127.5 / 255]);
    const png = await codec.encode(source, 0, 'png');
    const raw = await sharp(png).raw().toBuffer();
    expect([...raw]).toEqual([0, 255, 0, 1, 0, 128]);
  });

  it('encodes the chosen image of a batch', async () => {
    const batch = image(1, 1, [1, 0, 0, 0, 1, 0], 2);
    const second = await codec.decode(await codec.encode(batch, 1, 'png'));
    expect([...second.image.data]).toEqual([0, 1, 0]);
    await expect(codec.encode(batch, 2, 'png')).rejects.toThrow(/image 2 of a batch of 2/);
  });

  it('keeps PNG text chunks', async () => {
    const graph = JSON.stringify({ format: 'weft/graph', nodes: { a: { type: 'core/text' } } });
    const png = await codec.encode(gridImage(2, 2), 0, 'png', { text: { 'weft:graph': graph } });
    expect(codec.readText(png)).toEqual({ 'weft:graph': graph });
    const jpeg = await codec.encode(gridImage(2, 2), 0, 'jpeg');
    expect(codec.readText(jpeg)).toEqual({});
  });

  it('keeps alpha in PNG and WebP, as the decoded mask', async () => {
    const alpha = new Tensor('float32', [2, 2], Float32Array.from([0, 64 / 255, 128 / 255, 1]));
    const png = await codec.encode(gridImage(2, 2), 0, 'png', { alpha });
    const decoded = await codec.decode(png);
    expect(decoded.mask?.dims).toEqual([1, 2, 2]);
    expect([...decoded.mask!.data]).toEqual([...alpha.data]);

    const webp = await codec.encode(gridImage(2, 2), 0, 'webp', { alpha, quality: 100 });
    const fromWebp = await codec.decode(webp);
    expect(maxDifference(fromWebp.mask!.data, alpha.data)).toBeLessThanOrEqual(2 / 255);
  });

  it('decodes a JPEG', async () => {
    const color = [200 / 255, 100 / 255, 50 / 255];
    const solid = image(8, 8, Array.from({ length: 64 }, () => color).flat());
    const jpeg = await codec.encode(solid, 0, 'jpeg', { quality: 95 });
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const decoded = await codec.decode(jpeg);
    expect(decoded.image.dims).toEqual([1, 8, 8, 3]);
    expect(decoded.mask).toBeNull();
    expect(maxDifference(decoded.image.data, solid.data)).toBeLessThanOrEqual(3 / 255);
  });

  it('honours the EXIF orientation', async () => {
    // 16×8 pixels, left half red, right half black, tagged "rotate 90° clockwise to display" (6).
    const pixels = new Uint8Array(16 * 8 * 3);
    for (let row = 0; row < 8; row++)
      for (let column = 0; column < 8; column++) pixels[(row * 16 + column) * 3] = 255;
    const rotated = await sharp(pixels, { raw: { width: 16, height: 8, channels: 3 } })
      .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const decoded = await codec.decode(rotated);
    expect(decoded.image.dims).toEqual([1, 16, 8, 3]);
    // Turned clockwise, the red left half becomes the top half.
    const red = (row: number, column: number) => decoded.image.data[(row * 8 + column) * 3]!;
    expect(red(2, 4)).toBeGreaterThan(0.95);
    expect(red(13, 4)).toBeLessThan(0.05);
  });

  it('expands greyscale to RGB and keeps the 16 bits of a 16-bit PNG', async () => {
    const grey = await sharp(new Uint8Array([0, 51, 255]), {
      raw: { width: 3, height: 1, channels: 1 },
    })
      .png()
      .toBuffer();
    expect([...(await codec.decode(grey)).image.data]).toEqual(
      [0, 0, 0, 0.2, 0.2, 0.2, 1, 1, 1].map(Math.fround),
    );

    const deep = await sharp(new Uint16Array([1, 32768, 65535]), {
      raw: { width: 1, height: 1, channels: 3 },
    })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const decoded = await codec.decode(deep);
    expect([...decoded.image.data]).toEqual([1 / 65535, 32768 / 65535, 1].map(Math.fround));
  });

  it('says clearly when bytes are not an image', async () => {
    const notAnImage = new TextEncoder().encode('{"format": "weft/graph"}');
    const failure = codec.decode(notAnImage);
    await expect(failure).rejects.toBeInstanceOf(NodeError);
    await expect(codec.decode(notAnImage)).rejects.toThrow(
      /^This file is not an image Weft can read \(PNG, JPEG, WebP/,
    );
  });

  it('refuses a quality outside 1–100', async () => {
    await expect(codec.encode(gridImage(1, 1), 0, 'jpeg', { quality: 0 })).rejects.toThrow(
      /1 to 100/,
    );
  });
});

describe('resize', () => {
  it('nearest doubles every pixel of every image in the batch', async () => {
    const source = image(1, 2, [1, 0, 0, 0, 0, 1, 0.2, 0.4, 0.6, 0.8, 1, 0], 2);
    const resized = await codec.resize(source, 4, 2, 'nearest');
    expect(resized.dims).toEqual([2, 2, 4, 3]);
    const red = [1, 0, 0];
    const blue = [0, 0, 1];
    const a = [0.2, 0.4, 0.6].map(Math.fround);
    const b = [0.8, 1, 0].map(Math.fround);
    const firstRow = [red, red, blue, blue].flat();
    const secondImageRow = [a, a, b, b].flat();
    const data = [...resized.data];
    const close = (values: number[], expected: number[]) =>
      expect(maxDifference(values, expected)).toBeLessThanOrEqual(1 / 65535);
    close(data.slice(0, 12), firstRow);
    close(data.slice(12, 24), firstRow);
    close(data.slice(24, 36), secondImageRow);
    close(data.slice(36, 48), secondImageRow);
  });

  it('keeps 8-bit values exactly and a flat image flat under lanczos3', async () => {
    const flat = image(
      3,
      3,
      Array.from({ length: 9 }, () => [12 / 255, 34 / 255, 250 / 255]).flat(),
    );
    const resized = await codec.resize(flat, 7, 5, 'lanczos3');
    expect(resized.dims).toEqual([1, 5, 7, 3]);
    for (let i = 0; i < resized.size; i += 3) {
      expect([resized.data[i], resized.data[i + 1], resized.data[i + 2]]).toEqual(
        [12 / 255, 34 / 255, 250 / 255].map(Math.fround),
      );
    }
  });

  it('resizes masks [B, H, W] and single-channel batches, keeping their rank', async () => {
    const mask = new Tensor('float32', [1, 1, 2], Float32Array.from([0, 1]));
    const resized = await codec.resize(mask, 4, 1, 'nearest');
    expect(resized.dims).toEqual([1, 1, 4]);
    expect([...resized.data]).toEqual([0, 0, 1, 1]);
    const channel = await codec.resize(mask.reshape([1, 1, 2, 1]), 2, 2, 'nearest');
    expect(channel.dims).toEqual([1, 2, 2, 1]);
  });

  it('refuses sizes outside 1–16384', async () => {
    await expect(codec.resize(gridImage(2, 2), 0, 2)).rejects.toThrow(
      /width must be a whole number/,
    );
  });
});
