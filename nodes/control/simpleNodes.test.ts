/** The one-line control nodes: threshold, invert and pass-through, through their real run(). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { invertNode } from './invert.ts';
import { passthroughNode } from './passthrough.ts';
import { thresholdNode } from './threshold.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

/** Black, dark grey 0.25, pure green (luminance 0.587), white. */
const image = new Tensor(
  'float32',
  [1, 2, 2, 3],
  Float32Array.from([0, 0, 0, 0.25, 0.25, 0.25, 0, 1, 0, 1, 1, 1]),
);

describe('control/threshold, control/invert, control/passthrough', () => {
  it('threshold: default 0.5 keeps green and white; invert swaps', async () => {
    const plain = await runNode(thresholdNode, { image }, {}, test.ctx);
    expect(Array.from((plain.image as Tensor<'float32'>).data)).toEqual([
      0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1,
    ]);
    const inverted = await runNode(
      thresholdNode,
      { image },
      { threshold: 0.2, invert: true },
      test.ctx,
    );
    expect(Array.from((inverted.image as Tensor<'float32'>).data)).toEqual([
      1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('threshold: names the field when it is out of 0–1', async () => {
    const error = await expectNodeError(
      runNode(thresholdNode, { image }, { threshold: 2 }, test.ctx),
    );
    expect(error.message).toBe(
      'Scribble / threshold: "Threshold" must be a number from 0 to 1, got 2.',
    );
  });

  it('invert: 1 − v', async () => {
    const { image: out } = await runNode(invertNode, { image }, {}, test.ctx);
    expect(Array.from((out as Tensor<'float32'>).data)).toEqual([
      1, 1, 1, 0.75, 0.75, 0.75, 1, 0, 1, 0, 0, 0,
    ]);
  });

  it('pass-through: the same tensor, not resized; a missing image is named', async () => {
    const { image: out } = await runNode(passthroughNode, { image }, {}, test.ctx);
    expect(out).toBe(image);
    const error = await expectNodeError(runNode(passthroughNode, {}, {}, test.ctx));
    expect(error.message).toBe(
      'Use image as control: the "image" input is not connected. Connect it to continue.',
    );
  });
});
