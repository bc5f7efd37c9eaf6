import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NodeError } from '../../engine/common/nodeApi.ts';
import type { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { solidColorNode } from './solidColor.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

describe('core/solid-color', () => {
  it('makes a batch of width × height images of the colour', async () => {
    const { image } = await runNode(
      solidColorNode,
      {},
      { width: 3, height: 2, color: '#ff8000', batch: 2 },
      test.ctx,
    );
    const tensor = image as Tensor<'float32'>;
    expect(tensor.dims).toEqual([2, 2, 3, 3]);
    for (let i = 0; i < tensor.size; i += 3) {
      expect([...tensor.data.subarray(i, i + 3)]).toEqual([1, Math.fround(128 / 255), 0]);
    }
  });

  it('refuses a colour that is not #rrggbb, naming the field', async () => {
    const error = (await runNode(solidColorNode, {}, { color: 'orange' }, test.ctx).catch(
      (reason: unknown) => reason,
    )) as NodeError;
    expect(error.field).toBe('color');
    expect(error.message).toBe(
      '"color" must be a colour written #rrggbb (for example #ff8800), got "orange".',
    );
  });

  it('refuses sizes outside 1–8192', async () => {
    await expect(runNode(solidColorNode, {}, { width: 0 }, test.ctx)).rejects.toThrow(
      'Solid Color: "Width" must be a whole number from 1 to 8192, got 0.',
    );
    await expect(runNode(solidColorNode, {}, { height: 9000 }, test.ctx)).rejects.toThrow(
      /from 1 to 8192/,
    );
  });
});
