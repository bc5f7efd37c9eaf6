import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../engine/common/tensor.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { cannyNode } from './cannyNode.ts';
import { bitDifferences, CANNY_REFERENCE, packBits } from './fixtures/cannyReference.ts';
import { shapesImage } from './fixtures/testImages.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

const shapes = CANNY_REFERENCE.images.find((image) => image.name === 'shapes')!;
const SIDE = 64;
const PLANE = SIDE * SIDE;

/** The shapes test image as a Weft image (bytes / 255), then a black image of the same size. */
function shapesBatch(): Tensor<'float32'> {
  const data = new Float32Array(2 * PLANE * 3);
  shapesImage().data.forEach((byte, i) => (data[i] = byte / 255));
  return new Tensor('float32', [2, SIDE, SIDE, 3], data);
}

/** Channel 0 of batch item `index` as the packed bitmap the reference uses, after checking the channels agree. */
function edgesOf(image: Tensor<'float32'>, index: number): string {
  const bytes = new Uint8Array(PLANE);
  let odd = 0;
  for (let i = 0; i < PLANE; i++) {
    const [r = -1, g, b] = image.data.subarray(
      (index * PLANE + i) * 3,
      (index * PLANE + i) * 3 + 3,
    );
    if ((r !== 0 && r !== 1) || g !== r || b !== r) odd++;
    bytes[i] = r * 255;
  }
  expect(odd).toBe(0);
  return packBits({ width: SIDE, height: SIDE, channels: 1, data: bytes });
}

function referenceCase(source: 'rgb' | 'gray', low: number, high: number) {
  return shapes.cases.find((c) => c.source === source && c.low === low && c.high === high)!;
}

describe('control/canny', () => {
  it('with its defaults (rgb, 100/200, no blur) gives cv2.Canny’s edges as a 3-channel 0/1 image', async () => {
    const { image } = await runNode(cannyNode, { image: shapesBatch() }, {}, test.ctx);
    const edges = image as Tensor<'float32'>;
    expect(edges.dims).toEqual([2, SIDE, SIDE, 3]);
    const expected = referenceCase('rgb', 100, 200);
    expect(bitDifferences(edgesOf(edges, 0), expected.edges, SIDE)).toEqual([]);
    expect(edges.data.subarray(0, PLANE * 3).reduce((n, v) => n + v, 0)).toBe(3 * expected.count);
    // The black image has no edges.
    expect(edges.data.subarray(PLANE * 3).every((v) => v === 0)).toBe(true);
  });

  it('luminance with a blur matches cv2.Canny(GaussianBlur(grey, σ 1.4), 30, 90)', async () => {
    const { image } = await runNode(
      cannyNode,
      { image: shapesBatch() },
      { source: 'luminance', low: 30, high: 90, blur: 1.4 },
      test.ctx,
    );
    const expected = shapes.cases.find((c) => c.source === 'gray' && c.sigma === 1.4)!;
    expect(bitDifferences(edgesOf(image as Tensor<'float32'>, 0), expected.edges, SIDE)).toEqual(
      [],
    );
  });

  it('names a threshold out of range', async () => {
    const error = await expectNodeError(
      runNode(cannyNode, { image: shapesBatch() }, { low: 300 }, test.ctx),
    );
    expect(error.message).toBe(
      'Canny edges: "Low threshold" must be a whole number from 0 to 255, got 300.',
    );
    expect(error.field).toBe('low');
  });
});
