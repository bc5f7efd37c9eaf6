import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { resizeNode } from './resize.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

/** 4 wide, 2 tall: columns red, green, blue, white. */
const COLUMNS = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 1, 1],
];
const image = new Tensor(
  'float32',
  [1, 2, 4, 3],
  Float32Array.from([...COLUMNS, ...COLUMNS].flat()),
);

function rows(tensor: Tensor<'float32'>): number[][][] {
  const [, height = 0, width = 0] = tensor.dims;
  return Array.from({ length: height }, (_, y) =>
    Array.from({ length: width }, (_, x) =>
      [...tensor.data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)].map(
        (value) => Math.round(value * 1000) / 1000,
      ),
    ),
  );
}

describe('core/resize', () => {
  it('stretches to exactly width × height', async () => {
    const { image: out } = await runNode(
      resizeNode,
      { image },
      { width: 8, height: 1, mode: 'stretch', kernel: 'nearest' },
      test.ctx,
    );
    expect((out as Tensor).dims).toEqual([1, 1, 8, 3]);
    expect(rows(out as Tensor<'float32'>)[0]).toEqual(
      COLUMNS.flatMap((column) => [column, column]),
    );
  });

  it('fits inside the size keeping the aspect ratio', async () => {
    const { image: out } = await runNode(
      resizeNode,
      { image },
      { width: 8, height: 8, mode: 'fit', kernel: 'nearest' },
      test.ctx,
    );
    expect((out as Tensor).dims).toEqual([1, 4, 8, 3]);
  });

  it('fills the size and crops the centre', async () => {
    const { image: out } = await runNode(
      resizeNode,
      { image },
      { width: 2, height: 2, mode: 'fill', kernel: 'nearest' },
      test.ctx,
    );
    // Scaled to 4×2 (no change), then the middle two columns.
    expect(rows(out as Tensor<'float32'>)).toEqual([
      [COLUMNS[1], COLUMNS[2]],
      [COLUMNS[1], COLUMNS[2]],
    ]);
  });

  it('pads to the size with the pad colour, centring the image', async () => {
    const { image: out } = await runNode(
      resizeNode,
      { image },
      { width: 4, height: 4, mode: 'pad', kernel: 'nearest', padColor: '#808080' },
      test.ctx,
    );
    const grey = [0.502, 0.502, 0.502];
    expect(rows(out as Tensor<'float32'>)).toEqual([
      [grey, grey, grey, grey],
      COLUMNS,
      COLUMNS,
      [grey, grey, grey, grey],
    ]);
  });

  it('keeps every image of a batch', async () => {
    const batch = new Tensor('float32', [3, 2, 4, 3], new Float32Array(3 * 2 * 4 * 3).fill(0.25));
    const { image: out } = await runNode(
      resizeNode,
      { image: batch },
      { width: 3, height: 5 },
      test.ctx,
    );
    expect((out as Tensor).dims).toEqual([3, 5, 3, 3]);
    expect(Math.abs((out as Tensor<'float32'>).data[44]! - 0.25)).toBeLessThan(1e-4);
  });

  it('checks the pad colour only in pad mode', async () => {
    await expect(
      runNode(
        resizeNode,
        { image },
        { width: 2, height: 2, mode: 'pad', padColor: 'grey' },
        test.ctx,
      ),
    ).rejects.toThrow(/^"padColor" must be a colour/);
    await expect(
      runNode(
        resizeNode,
        { image },
        { width: 2, height: 2, mode: 'stretch', padColor: 'grey' },
        test.ctx,
      ),
    ).resolves.toBeDefined();
  });
});
