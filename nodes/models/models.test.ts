/**
 * The models pack on real ONNX Runtime sessions: loaders against a real
 * library folder, the image model node on a model built for the test.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../engine/common/models.ts';
import { ModelHandle } from '../../engine/common/models.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { FileRead } from '../../engine/node/io/inputFiles.ts';
import { createModelAccess } from '../../engine/node/modelAccess.ts';
import { ModelLibrary } from '../../engine/node/models/library.ts';
import { SessionPool } from '../../engine/node/onnx/sessionPool.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { OnnxBuilder } from '../../resources/fixture-models/onnx/builder.ts';
import { imageModelNode } from './imageModel.ts';
import { loadDepthNode } from './loaders.ts';
import { tensorModelNode } from './tensorModel.ts';

/** y = 1 − x on an NCHW RGB image of any size: the image node must bring the picture back inverted. */
function invertModel(): Uint8Array {
  const model = new OnnxBuilder('invert');
  const x = model.input('pixels', 'float32', [1, 3, 'height', 'width']);
  model.op('Sub', [model.floats([1], []), x], {}, 'inverted');
  model.output('inverted', 'float32', [1, 3, 'height', 'width']);
  return model.build();
}

let test: TestContext | undefined;
afterEach(async () => {
  await test?.cleanup();
  test = undefined;
});

async function setUp() {
  const reads: FileRead[] = [];
  test = await createTestContext();
  const folder = join(test.root, 'models', 'onnx');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'invert.onnx'), invertModel());
  const library = await ModelLibrary.open({
    root: join(test.root, 'models'),
    cacheDir: join(test.root, 'cache'),
  });
  await library.scan();
  const models = createModelAccess({
    library,
    pool: new SessionPool({ provider: 'cpu' }),
    onRead: (read) => reads.push(read),
  });
  const context = await createTestContext({ models });
  return { context, models, reads, modelPath: join(folder, 'invert.onnx') };
}

describe('models pack', () => {
  it('the image model node preprocesses, runs and maps back: an inverting model inverts', async () => {
    const { context, models, reads, modelPath } = await setUp();
    try {
      const summary = models.find('onnx', 'invert');
      expect(summary).toMatchObject({ name: 'invert', kind: 'onnx', path: modelPath });
      const image = new Tensor(
        'float32',
        [1, 2, 2, 3],
        Float32Array.from([0, 0.25, 0.5, 1, 1, 1, 0.2, 0.4, 0.6, 0, 0, 0]),
      );
      const outputs = await runNode(
        imageModelNode,
        { model: new ModelHandle(summary!), image },
        { size: 'keep', imageMapping: '0-1', maskMapping: 'threshold', threshold: 0.5 },
        context.ctx,
      );
      const result = outputs.image as Tensor<'float32'>;
      expect(result.dims).toEqual([1, 2, 2, 3]);
      Array.from(result.data).forEach((value, index) =>
        expect(value).toBeCloseTo(1 - image.data[index]!, 5),
      );
      // The mask is channel 0 (red) of the output, thresholded at 0.5: 1−0 > .5, 1−1, 1−0.2 > .5, 1−0.
      expect(Array.from((outputs.mask as Tensor<'float32'>).data)).toEqual([1, 0, 1, 1]);
      expect((outputs.tensor as Tensor).dims).toEqual([1, 3, 2, 2]);
      // Opening the model counts as reading its file ([C8]).
      expect(reads.map((read) => read.path)).toEqual([modelPath]);
    } finally {
      await context.cleanup();
    }
  });

  it('the tensor model node passes a tensor straight through the model', async () => {
    const { context, models } = await setUp();
    try {
      const input = new Tensor('float32', [1, 3, 1, 1], Float32Array.from([0.25, 0.5, 2]));
      const outputs = await runNode(
        tensorModelNode,
        { model: new ModelHandle(models.find('onnx', 'invert')!), tensor: input },
        {},
        context.ctx,
      );
      expect(Array.from((outputs.tensor as Tensor<'float32'>).data)).toEqual([0.75, 0.5, -1]);
      const wrong = await expectNodeError(
        runNode(
          tensorModelNode,
          { model: new ModelHandle(models.find('onnx', 'invert')!), tensor: input },
          { input: 'image' },
          context.ctx,
        ),
      );
      expect(wrong.message).toContain('has no input "image"; its inputs are "pixels"');
    } finally {
      await context.cleanup();
    }
  });

  it('a loader names what is missing and what the library has', async () => {
    const { context } = await setUp();
    try {
      const error = await expectNodeError(
        runNode(loadDepthNode, {}, { model: 'midas' }, context.ctx),
      );
      expect(error.code).toBe('MODEL_NOT_FOUND');
      expect(error.message).toBe('The depth model "midas" is not in the model library.');
      const summary: ModelSummary | undefined = context.ctx.models.find('onnx', 'invert');
      expect(summary?.family).toBe('onnx');
    } finally {
      await context.cleanup();
    }
  });
});
