import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { padNode } from './pad.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

describe('core/pad', () => {
  it('adds each side in the colour and keeps the image in place', async () => {
    const image = new Tensor('float32', [1, 1, 1, 3], Float32Array.from([0.5, 0.5, 0.5]));
    const { image: padded } = await runNode(
      padNode,
      { image },
      { top: 1, right: 2, bottom: 0, left: 1, color: '#0000ff' },
      test.ctx,
    );
    const tensor = padded as Tensor<'float32'>;
    expect(tensor.dims).toEqual([1, 2, 4, 3]);
    const pixels = Array.from({ length: 8 }, (_, i) => [...tensor.data.subarray(i * 3, i * 3 + 3)]);
    const blue = [0, 0, 1];
    expect(pixels).toEqual([blue, blue, blue, blue, blue, [0.5, 0.5, 0.5], blue, blue]);
  });

  it('refuses a negative side', async () => {
    const image = new Tensor('float32', [1, 1, 1, 3], new Float32Array(3));
    await expect(runNode(padNode, { image }, { left: -1 }, test.ctx)).rejects.toThrow(
      'Pad: "Left" must be a whole number from 0 to 8192, got -1.',
    );
  });
});
