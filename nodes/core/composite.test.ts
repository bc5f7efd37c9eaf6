import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { compositeNode } from './composite.ts';
import { solidImage } from './imageOps.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

function pixel(image: Tensor<'float32'>, b: number, y: number, x: number): number[] {
  const [, height = 0, width = 0] = image.dims;
  const offset = ((b * height + y) * width + x) * 3;
  return [...image.data.subarray(offset, offset + 3)];
}

describe('core/composite', () => {
  const base = solidImage(3, 3, [0.5, 0.5, 0.5], 2);
  const overlay = solidImage(2, 2, [1, 1, 1]);

  it('places the overlay (hanging over the edge) with the mask and opacity, on every image of the batch', async () => {
    const mask = new Tensor('float32', [1, 2, 2], Float32Array.from([0, 1, 1, 0.5]));
    const { image } = await runNode(
      compositeNode,
      { base, overlay, mask },
      { x: 2, y: -1, opacity: 0.5 },
      test.ctx,
    );
    const out = image as Tensor<'float32'>;
    expect(out.dims).toEqual([2, 3, 3, 3]);
    for (const b of [0, 1]) {
      // Overlay pixel (1, 0), mask 1, lands on (0, 2): 0.5 + (1 - 0.5) · 0.5.
      expect(pixel(out, b, 0, 2)).toEqual([0.75, 0.75, 0.75]);
      // Everything else is the base.
      expect(pixel(out, b, 1, 2)).toEqual([0.5, 0.5, 0.5]);
      expect(pixel(out, b, 0, 1)).toEqual([0.5, 0.5, 0.5]);
    }
  });

  it('multiplies and screens', async () => {
    const color = solidImage(1, 1, [0.5, 0, 1]);
    const multiply = await runNode(
      compositeNode,
      { base, overlay: color },
      { blend: 'multiply' },
      test.ctx,
    );
    expect(pixel(multiply.image as Tensor<'float32'>, 0, 0, 0)).toEqual([0.25, 0, 0.5]);
    const screen = await runNode(
      compositeNode,
      { base, overlay: color },
      { blend: 'screen' },
      test.ctx,
    );
    expect(pixel(screen.image as Tensor<'float32'>, 1, 0, 0)).toEqual([0.75, 0.5, 1]);
  });

  it('explains mismatched batches and a missing input', async () => {
    await expect(
      runNode(compositeNode, { base, overlay: solidImage(1, 1, [1, 1, 1], 3) }, {}, test.ctx),
    ).rejects.toThrow(
      'Batch sizes do not match (base has 2, overlay has 3). Each must be 1 or the same as the others.',
    );
    await expect(runNode(compositeNode, { base }, {}, test.ctx)).rejects.toThrow(
      'Composite: the "Overlay" input is not connected. Connect it to continue.',
    );
  });

  it('refuses an opacity above 1 (a wired FLOAT is not range-checked before the run)', async () => {
    await expect(
      runNode(compositeNode, { base, overlay }, { opacity: 1.5 }, test.ctx),
    ).rejects.toThrow('Composite: "Opacity" must be a number from 0 to 1, got 1.5.');
  });
});
