import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { loadImageNode } from './loadImage.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

const RGB = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 51, 102, 153];

describe('core/load-image', () => {
  it('loads a PNG as IMAGE, an all-ones MASK, and its size', async () => {
    const png = await sharp(new Uint8Array(RGB), { raw: { width: 3, height: 2, channels: 3 } })
      .png()
      .toBuffer();
    await test.writeInput('images/input.png', png);
    const outputs = await runNode(loadImageNode, {}, { file: 'images/input.png' }, test.ctx);
    expect(outputs.width).toBe(3);
    expect(outputs.height).toBe(2);
    const image = outputs.image as Tensor<'float32'>;
    expect(image.dims).toEqual([1, 2, 3, 3]);
    expect([...image.data]).toEqual(RGB.map((value) => Math.fround(value / 255)));
    const mask = outputs.mask as Tensor<'float32'>;
    expect(mask.dims).toEqual([1, 2, 3]);
    expect([...mask.data]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('gives the alpha channel as the mask', async () => {
    const rgba = new Uint8Array([10, 20, 30, 0, 40, 50, 60, 255]);
    const png = await sharp(rgba, { raw: { width: 2, height: 1, channels: 4 } })
      .png()
      .toBuffer();
    await test.writeInput('alpha.png', png);
    const outputs = await runNode(loadImageNode, {}, { file: 'alpha.png' }, test.ctx);
    expect(outputs.mask).toBeInstanceOf(Tensor);
    expect([...(outputs.mask as Tensor<'float32'>).data]).toEqual([0, 1]);
  });

  it('loads a JPEG and a WebP', async () => {
    const solid = new Uint8Array(Array.from({ length: 16 }, () => [200, 100, 50]).flat());
    const input = () => sharp(solid, { raw: { width: 4, height: 4, channels: 3 } });
    await test.writeInput('photo.jpg', await input().jpeg({ quality: 95 }).toBuffer());
    await test.writeInput('photo.webp', await input().webp({ lossless: true }).toBuffer());
    for (const file of ['photo.jpg', 'photo.webp']) {
      const image = (await runNode(loadImageNode, {}, { file }, test.ctx))
        .image as Tensor<'float32'>;
      expect(image.dims).toEqual([1, 4, 4, 3]);
      expect(Math.abs(image.data[0]! - 200 / 255)).toBeLessThanOrEqual(3 / 255);
    }
  });

  it('names the file when it is not an image', async () => {
    await test.writeInput('notes.png', 'just some text');
    const error = (await runNode(loadImageNode, {}, { file: 'notes.png' }, test.ctx).catch(
      (reason: unknown) => reason,
    )) as NodeError;
    expect(error.field).toBe('file');
    expect(error.message).toMatch(
      /^The file "notes.png" is not an image Weft can read \(PNG, JPEG, WebP/,
    );
  });

  it('explains a missing choice, a missing file and a path outside the allowed folders', async () => {
    await expect(runNode(loadImageNode, {}, {}, test.ctx)).rejects.toThrow(/no file is chosen/);
    await expect(runNode(loadImageNode, {}, { file: 'missing.png' }, test.ctx)).rejects.toThrow(
      /"missing.png" was not found \(looked for .*missing.png\)/,
    );
    await expect(runNode(loadImageNode, {}, { file: '../outside.png' }, test.ctx)).rejects.toThrow(
      /is outside the folders Weft may read/,
    );
  });
});
