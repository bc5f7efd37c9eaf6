import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { cropNode } from './crop.ts';
import { imageInput } from './inputs.ts';
import { padNode } from './pad.ts';
import { resizeNode } from './resize.ts';
import { asSeededImage, imageSeeds, imageValue } from './seededImage.ts';

const pixels = new Tensor('float32', [2, 2, 2, 3], new Float32Array(24).fill(0.5));

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

describe('seeded images', () => {
  it('carry one seed per image; a wrong count or a non-image is not one', () => {
    expect(imageValue(pixels, [7, 8])).toEqual({ image: pixels, seeds: [7, 8] });
    expect(imageValue(pixels, undefined)).toBe(pixels);
    expect(imageValue(pixels, [7])).toBe(pixels);
    expect(asSeededImage({ image: pixels, seeds: [7] })).toBeUndefined();
    expect(
      asSeededImage({ image: Tensor.zeros('float32', [2, 2]), seeds: [7, 8] }),
    ).toBeUndefined();
    expect(imageSeeds(pixels)).toBeUndefined();
  });

  it('read as plain images by every image input', () => {
    const definition = cropNode.definition;
    expect(imageInput(definition, { image: { image: pixels, seeds: [7, 8] } }, 'image')).toBe(
      pixels,
    );
  });

  it('keep their seeds through resize, crop and pad, which keep images one to one', async () => {
    const image = { image: pixels, seeds: [7, 8] };
    const resized = await runNode(resizeNode, { image }, { width: 4, height: 4 }, test.ctx);
    expect(imageSeeds(resized.image)).toEqual([7, 8]);
    expect(asSeededImage(resized.image)!.image.dims).toEqual([2, 4, 4, 3]);
    const cropped = await runNode(cropNode, { image }, { width: 1, height: 1 }, test.ctx);
    expect(imageSeeds(cropped.image)).toEqual([7, 8]);
    const padded = await runNode(padNode, { image }, { top: 1 }, test.ctx);
    expect(imageSeeds(padded.image)).toEqual([7, 8]);
    // Plain images stay plain.
    expect((await runNode(padNode, { image: pixels }, { top: 1 }, test.ctx)).image).toBeInstanceOf(
      Tensor,
    );
  });
});
