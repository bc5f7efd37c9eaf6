/**
 * control/depth on the bundled toy depth model (MiDaS small's contract:
 * [1, 3, 256, 256] ImageNet-normalised RGB → [1, 256, 256], computing
 * inverse depth = luminance + row / 255), through real ONNX Runtime sessions.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelHandle } from '../../engine/common/models.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { createModelAccess } from '../../engine/node/modelAccess.ts';
import { ModelLibrary } from '../../engine/node/models/library.ts';
import { SessionPool } from '../../engine/node/onnx/sessionPool.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { ensureFixtures } from '../../resources/fixture-models/ensure.ts';
import { OnnxBuilder } from '../../resources/fixture-models/onnx/builder.ts';
import { depthNode } from './depth.ts';

const contexts: TestContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.cleanup()));
});

async function setUp() {
  const scratch = await createTestContext();
  contexts.push(scratch);
  const library = await ModelLibrary.open({
    root: join(scratch.root, 'models'),
    bundled: await ensureFixtures(),
    cacheDir: join(scratch.root, 'cache'),
  });
  await library.scan();
  const models = createModelAccess({
    library,
    pool: new SessionPool({ provider: 'cpu' }),
    onRead: () => {},
  });
  const test = await createTestContext({ models });
  contexts.push(test);
  const summary = models.find('depth', 'toy-depth');
  expect(summary?.inputs).toEqual([{ name: 'input', dtype: 'float32', shape: [1, 3, 256, 256] }]);
  return { test, handle: new ModelHandle(summary!), root: scratch.root };
}

/** A [B, H, W, 3] image from a function of (batch, y, x) giving a grey level. */
function greyImage(
  batch: number,
  height: number,
  width: number,
  grey: (b: number, y: number, x: number) => number,
) {
  const data = new Float32Array(batch * height * width * 3);
  for (let b = 0; b < batch; b++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        data.fill(
          grey(b, y, x),
          ((b * height + y) * width + x) * 3,
          ((b * height + y) * width + x + 1) * 3,
        );
  return new Tensor('float32', [batch, height, width, 3], data);
}

function at(image: Tensor<'float32'>, b: number, y: number, x: number): number[] {
  const [, height = 0, width = 0] = image.dims;
  const index = ((b * height + y) * width + x) * 3;
  return Array.from(image.data.subarray(index, index + 3));
}

const inSquare = (y: number, x: number) => y >= 96 && y < 160 && x >= 96 && x < 160;

describe('control/depth', () => {
  it('normalises the model’s inverse depth to 0–1 per image, grey in three channels, at the model’s size', async () => {
    const { test, handle } = await setUp();
    // Image 0: grey 0.5 with a white square; image 1: flat grey 0.5.
    const image = greyImage(2, 256, 256, (b, y, x) => (b === 0 && inSquare(y, x) ? 1 : 0.5));
    const { image: out } = await runNode(depthNode, { model: handle, image }, {}, test.ctx);
    const depth = out as Tensor<'float32'>;
    expect(depth.dims).toEqual([2, 256, 256, 3]);
    // Image 0: depth = luminance + y/255 runs from 0.5 (top row) to 1 + 159/255 (the square's last row).
    const span = 1 + 159 / 255 - 0.5;
    const expected0: [number, number, number][] = [
      [0, 0, 0],
      [255, 0, 1 / span],
      [128, 128, (0.5 + 128 / 255) / span],
      [159, 100, 1],
      [95, 100, 95 / 255 / span],
    ];
    for (const [y, x, value] of expected0) {
      const [r, g, b] = at(depth, 0, y, x);
      expect(r).toBeCloseTo(value, 5);
      expect([g, b]).toEqual([r, r]);
    }
    // Image 1 is normalised on its own: y / 255.
    for (const y of [0, 1, 100, 254, 255]) expect(at(depth, 1, y, 7)[0]).toBeCloseTo(y / 255, 5);
    expect(test.progress.map(({ step, total }) => [step, total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('resizes to the model’s 256 × 256 and back to the input size', async () => {
    const { test, handle } = await setUp();
    const { image: out } = await runNode(
      depthNode,
      { model: handle, image: greyImage(1, 48, 64, () => 0.5) },
      {},
      test.ctx,
    );
    const depth = out as Tensor<'float32'>;
    expect(depth.dims).toEqual([1, 48, 64, 3]);
    let previous = -1;
    for (let y = 0; y < 48; y++) {
      const row = Array.from({ length: 64 }, (_, x) => at(depth, 0, y, x)[0]!);
      // Flat grey: each row is one value, rising down the image (row y samples the
      // 256-row map near (y + 0.5) · 256/48 − 0.5, where the value is that row / 255).
      expect(Math.max(...row) - Math.min(...row)).toBeLessThan(1e-4);
      expect(row[0]!).toBeGreaterThan(previous);
      expect(row[0]!).toBeCloseTo(((y + 0.5) * (256 / 48) - 0.5) / 255, 2);
      previous = row[0]!;
    }
  });

  it('refuses a model that is not a depth model, and input that is not a model', async () => {
    const { test, handle, root } = await setUp();
    const model = new OnnxBuilder('rgb');
    const x = model.input('pixels', 'float32', [1, 3, 'height', 'width']);
    model.op('Identity', [x], {}, 'same');
    model.output('same', 'float32', [1, 3, 'height', 'width']);
    const folder = join(root, 'other');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'rgb.onnx'), model.build());
    const notDepth = new ModelHandle({
      ...handle.summary,
      name: 'rgb',
      path: join(folder, 'rgb.onnx'),
    });
    const image = greyImage(1, 4, 4, () => 0.5);
    const wrong = await expectNodeError(
      runNode(depthNode, { model: notDepth, image }, { resolution: 64 }, test.ctx),
    );
    expect(wrong.code).toBe('NOT_A_DEPTH_MODEL');
    expect(wrong.message).toBe(
      'Depth map: the model "other/rgb.onnx" gave "same" of shape [1, 3, 64, 64], not one depth map [1, H, W]. Load a MiDaS or DPT depth model.',
    );
    const notModel = await expectNodeError(runNode(depthNode, { model: 'x', image }, {}, test.ctx));
    expect(notModel.message).toBe(
      'Depth map: the "depth model" input must come from a model loader node, got "x".',
    );
    const zero = await expectNodeError(
      runNode(depthNode, { model: handle, image }, { std: '0.2, 0, 0.2' }, test.ctx),
    );
    expect(zero.field).toBe('std');
  });
});
