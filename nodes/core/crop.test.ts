import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { cropNode } from './crop.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

/** 4 wide, 3 tall; pixel (y, x) = [y, x, 0] / 10. */
const image = new Tensor(
  'float32',
  [1, 3, 4, 3],
  Float32Array.from({ length: 36 }, (_, i) => {
    const pixel = Math.floor(i / 3);
    return [Math.floor(pixel / 4) / 10, (pixel % 4) / 10, 0][i % 3]!;
  }),
);

describe('core/crop', () => {
  it('keeps the rectangle at x, y of width × height', async () => {
    const { image: cropped } = await runNode(
      cropNode,
      { image },
      { x: 1, y: 1, width: 2, height: 2 },
      test.ctx,
    );
    const tensor = cropped as Tensor<'float32'>;
    expect(tensor.dims).toEqual([1, 2, 2, 3]);
    expect([...tensor.data]).toEqual(
      [0.1, 0.1, 0, 0.1, 0.2, 0, 0.2, 0.1, 0, 0.2, 0.2, 0].map(Math.fround),
    );
  });

  it('names the field and the image size when the rectangle leaves the image', async () => {
    const error = (await runNode(
      cropNode,
      { image },
      { x: 2, y: 0, width: 3, height: 1 },
      test.ctx,
    ).catch((reason: unknown) => reason)) as NodeError;
    expect(error.field).toBe('width');
    expect(error.message).toBe(
      '"width" is 3, but from x = 2 the 4×3 image has only 2 pixels to the right edge.',
    );
    await expect(
      runNode(cropNode, { image }, { y: 3, width: 1, height: 1 }, test.ctx),
    ).rejects.toThrow('"y" is 3, but the image is 4×3: y must be from 0 to 2.');
  });
});
