/**
 * diffusion/vae-decode and diffusion/vae-encode on the toy pipeline, whose
 * VAE is exact on its dataset (decode(zᵢ) = xᵢ, encode(xᵢ) = zᵢ, raw
 * latents; the nodes scale by 0.18215).
 */
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelAccess, RunnableModel } from '../../engine/common/models.ts';
import { ModelHandle } from '../../engine/common/models.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { FixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { openFixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { scaledLatents } from '../../resources/fixture-models/toySd/dataset.ts';
import { datasetTensor, meanAbsoluteError } from './testing.ts';
import { vaeDecodeNode } from './vaeDecode.ts';
import { vaeEncodeNode } from './vaeEncode.ts';

let fixtures: FixtureModels;
let test: TestContext;
let pipeline: ModelHandle;

beforeAll(async () => {
  fixtures = await openFixtureModels(async (library, bundled) => {
    const folder = join(library, 'diffusion', 'toy-no-encoder');
    await cp(join(bundled, 'diffusion', 'toy-sd'), folder, { recursive: true });
    await rm(join(folder, 'vae_encoder'), { recursive: true });
  });
  test = await createTestContext({ models: fixtures.models });
  pipeline = new ModelHandle(fixtures.models.find('diffusion', 'toy-sd')!);
});
afterAll(async () => {
  await test.cleanup();
  await fixtures.cleanup();
});

function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

describe('diffusion/vae-decode and vae-encode', () => {
  it('decodes scaled latents (÷ 0.18215) to the dataset images, NHWC in [0, 1], a batch at a time', async () => {
    const latents = scaledLatents();
    const samples = new Tensor('float32', [2, 4, 8, 8], new Float32Array(512));
    samples.data.set(latents[0]!, 0);
    samples.data.set(latents[7]!, 256);
    const { image } = await runNode(vaeDecodeNode, { pipeline, latent: { samples } }, {}, test.ctx);
    const decoded = image as Tensor<'float32'>;
    expect(decoded.dims).toEqual([2, 64, 64, 3]);
    expect(meanAbsoluteError(decoded, 0, datasetTensor(0))).toBeLessThan(1e-5);
    expect(meanAbsoluteError(decoded, 1, datasetTensor(7))).toBeLessThan(1e-5);
    expect(test.progress.slice(-2).map(({ step, total }) => [step, total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('encodes a dataset image to its scaled latent (× 0.18215)', async () => {
    const { latent } = await runNode(
      vaeEncodeNode,
      { pipeline, image: datasetTensor(5) },
      {},
      test.ctx,
    );
    const { samples } = latent as { samples: Tensor<'float32'> };
    expect(samples.dims).toEqual([1, 4, 8, 8]);
    expect(largestDifference(samples.data, scaledLatents()[5]!)).toBeLessThan(1e-4);
  });

  it('resizes an image the encoder cannot take, with a note', async () => {
    const small = await test.ctx.images.resize(datasetTensor(5), 60, 60, 'lanczos3');
    const { latent } = await runNode(vaeEncodeNode, { pipeline, image: small }, {}, test.ctx);
    expect((latent as { samples: Tensor }).samples.dims).toEqual([1, 4, 8, 8]);
    expect(test.logs.at(-1)).toEqual({
      level: 'info',
      message:
        'The VAE encoder of "toy-sd" takes 64×64 images only; the 60×60 image was resized to that.',
    });
  });

  it('takes the mean of a latent_parameters output (mean ‖ logvar)', async () => {
    const encoderPath = `${pipeline.summary.path}/vae_encoder/model.onnx`;
    // The real encoder behind an optimum-style output: mean, then a logvar that must be ignored.
    const models: ModelAccess = {
      ...fixtures.models,
      async open(path) {
        const model = await fixtures.models.open(path);
        if (path !== encoderPath) return model;
        const wrapped: RunnableModel = {
          ...model,
          outputs: [{ name: 'latent_parameters', dtype: 'float32', shape: ['batch', 8, 8, 8] }],
          async run(feeds, options) {
            const { latent_sample: mean } = await model.run(feeds, options);
            const both = new Float32Array(512).fill(-7);
            both.set(mean!.data as Float32Array);
            return { latent_parameters: new Tensor('float32', [1, 8, 8, 8], both) };
          },
        };
        return wrapped;
      },
    };
    const context = await createTestContext({ models });
    try {
      const { latent } = await runNode(
        vaeEncodeNode,
        { pipeline, image: datasetTensor(2) },
        {},
        context.ctx,
      );
      const { samples } = latent as { samples: Tensor<'float32'> };
      expect(samples.dims).toEqual([1, 4, 8, 8]);
      expect(largestDifference(samples.data, scaledLatents()[2]!)).toBeLessThan(1e-4);
    } finally {
      await context.cleanup();
    }
  });

  it('a pipeline without a VAE encoder says image-to-image needs one', async () => {
    const handle = new ModelHandle(fixtures.models.find('diffusion', 'toy-no-encoder')!);
    const error = await expectNodeError(
      runNode(vaeEncodeNode, { pipeline: handle, image: datasetTensor(0) }, {}, test.ctx),
    );
    expect(error.code).toBe('PIPELINE_COMPONENT_MISSING');
    expect(error.message).toBe(
      `The pipeline "toy-no-encoder" has no vae_encoder/model.onnx (the VAE encoder, which image-to-image needs). Copy it from the pipeline's export into ${handle.summary.path}, or pick a pipeline that has it.`,
    );
  });
});
