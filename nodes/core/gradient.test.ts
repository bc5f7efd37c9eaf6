import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { gradientNode } from './gradient.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

function corners(image: Tensor<'float32'>): number[][] {
  const [, height = 0, width = 0] = image.dims;
  return [
    [0, 0],
    [0, width - 1],
    [height - 1, 0],
    [height - 1, width - 1],
  ].map(([y, x]) => [...image.data.subarray((y! * width + x!) * 3, (y! * width + x!) * 3 + 3)]);
}

describe('core/gradient', () => {
  const from = '#000000';
  const to = '#ffffff';

  it('runs left to right at 0° with exact corner colours', async () => {
    const { image } = await runNode(
      gradientNode,
      {},
      { width: 9, height: 4, from, to, angle: 0 },
      test.ctx,
    );
    expect((image as Tensor).dims).toEqual([1, 4, 9, 3]);
    expect(corners(image as Tensor<'float32'>)).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [0, 0, 0],
      [1, 1, 1],
    ]);
  });

  it('runs top to bottom at 90° and corner to corner at 45°', async () => {
    const down = await runNode(
      gradientNode,
      {},
      { width: 4, height: 5, from, to, angle: 90 },
      test.ctx,
    );
    expect(corners(down.image as Tensor<'float32'>)).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    const diagonal = await runNode(
      gradientNode,
      {},
      { width: 5, height: 5, from: '#ff0000', to: '#0000ff', angle: 45 },
      test.ctx,
    );
    expect(corners(diagonal.image as Tensor<'float32'>)).toEqual([
      [1, 0, 0],
      [0.5, 0, 0.5],
      [0.5, 0, 0.5],
      [0, 0, 1],
    ]);
  });

  it('names the colour field that is wrong', async () => {
    await expect(runNode(gradientNode, {}, { to: '#12' }, test.ctx)).rejects.toThrow(
      /^"to" must be a colour/,
    );
  });
});
