/**
 * diffusion/apply-controlnet and the sampler's ControlNet path on the toy
 * ControlNet (resources/fixture-models/toyControlnet), which scores a control
 * image against the toy shapes' edge maps and hands the scores to the toy
 * pipeline's ControlNet UNet (toy-sd/controlnet/model.onnx) as the
 * mid-block residual, steering sampling toward that shape.
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelAccess } from '../../engine/common/models.ts';
import { ModelHandle } from '../../engine/common/models.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { Value } from '../../engine/common/values.ts';
import type { FixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { openFixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { OnnxBuilder } from '../../resources/fixture-models/onnx/builder.ts';
import { CONTROL_RESIDUALS } from '../../resources/fixture-models/toySd/controlResiduals.ts';
import { itemIndex } from '../../resources/fixture-models/toySd/dataset.ts';
import { cannyNode } from '../control/cannyNode.ts';
import { applyControlnetNode } from './applyControlnet.ts';
import { controlActive } from './denoiser.ts';
import { datasetTensor, generate, nearestItem } from './testing.ts';

let fixtures: FixtureModels;
let test: TestContext;
let pipeline: ModelHandle;
let controlnet: ModelHandle;
let circleEdges: Tensor<'float32'>;

/** A ControlNet for a 1024-wide text model (SD 2.x): SD 1.5's residual names, zeros, the wrong base. */
function sd2Controlnet(): Uint8Array {
  const model = new OnnxBuilder('sd2_controlnet');
  const sample = model.input('sample', 'float32', ['batch', 4, 8, 8]);
  model.input('timestep', 'float32', ['timestep_batch']);
  model.input('encoder_hidden_states', 'float32', ['batch', 77, 1024]);
  model.input('controlnet_cond', 'float32', ['batch', 3, 64, 64]);
  model.input('conditioning_scale', 'float64', [1]);
  const batch = model.op('Shape', [sample], { start: 0, end: 1 });
  const zero = Tensor.zeros('float32', [1]);
  for (const spec of CONTROL_RESIDUALS) {
    const shape = model.op('Concat', [batch, model.ints([spec.channels, spec.size, spec.size])], {
      axis: 0,
    });
    model.op('ConstantOfShape', [shape], { value: zero }, spec.name);
    model.output(spec.name, 'float32', ['batch', spec.channels, spec.size, spec.size]);
  }
  return model.build();
}

beforeAll(async () => {
  fixtures = await openFixtureModels(async (library, bundled) => {
    const plain = join(library, 'diffusion', 'toy-sd-plain');
    await cp(join(bundled, 'diffusion', 'toy-sd'), plain, { recursive: true });
    await rm(join(plain, 'controlnet'), { recursive: true });
    await mkdir(join(library, 'controlnet', 'sd2-controlnet'), { recursive: true });
    await writeFile(join(library, 'controlnet', 'sd2-controlnet', 'model.onnx'), sd2Controlnet());
  });
  test = await createTestContext({ models: fixtures.models });
  pipeline = new ModelHandle(fixtures.models.find('diffusion', 'toy-sd')!);
  controlnet = new ModelHandle(fixtures.models.find('controlnet', 'toy-controlnet')!);
  const { image } = await runNode(cannyNode, { image: datasetTensor(0) }, {}, test.ctx);
  circleEdges = image as Tensor<'float32'>;
});
afterAll(async () => {
  await test.cleanup();
  await fixtures.cleanup();
});

async function apply(params: Record<string, number> = {}, previous?: Value, image = circleEdges) {
  const { control } = await runNode(
    applyControlnetNode,
    { controlnet, image, ...(previous !== undefined ? { previous } : {}) },
    params,
    test.ctx,
  );
  return control!;
}

/** ctx.models that counts the runs of each model file by its path's last two parts. */
function countingModels(counts: Map<string, number>): ModelAccess {
  return {
    ...fixtures.models,
    async open(path) {
      const model = await fixtures.models.open(path);
      const key = path.split('/').slice(-2).join('/');
      return {
        ...model,
        run(feeds, options) {
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return model.run(feeds, options);
        },
      };
    },
  };
}

describe('diffusion/apply-controlnet', () => {
  it('a circle’s edge map turns an unconditioned prompt into the circle', async () => {
    const control = await apply();
    let free = 0;
    let steered = 0;
    for (let seed = 0; seed < 10; seed++) {
      const { image } = await generate(test.ctx, pipeline, { prompt: '', seed });
      if (nearestItem(image).index % 3 === 0) free++;
      const result = nearestItem(
        (await generate(test.ctx, pipeline, { prompt: '', seed, control })).image,
      );
      if (result.index % 3 === 0) steered++;
      expect(result.error).toBeLessThan(1e-3);
    }
    // Without it the empty prompt leaves the shape to the noise (3 circles in 10 seeds);
    // at strength 1 the edges win but for one seed whose noise is deep in the square.
    expect(free).toBeLessThanOrEqual(4);
    expect(steered).toBeGreaterThanOrEqual(9);
  });

  it('the prompt still picks the colour: "a blue" with circle edges is the blue circle', async () => {
    const control = await apply();
    for (const seed of [7, 8]) {
      const { image } = await generate(test.ctx, pipeline, { prompt: 'a blue', seed, control });
      expect(nearestItem(image).index).toBe(itemIndex('blue', 'circle'));
    }
  });

  it('acts only on the steps inside its start–end window, with the plain UNet elsewhere', async () => {
    expect([0, 9, 10, 19].map((step) => controlActive({ start: 0.5, end: 1 }, step, 20))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect([0, 4, 5].map((step) => controlActive({ start: 0, end: 0.25 }, step, 20))).toEqual([
      true,
      true,
      false,
    ]);
    const counts = new Map<string, number>();
    const context = await createTestContext({ models: countingModels(counts) });
    try {
      await generate(context.ctx, pipeline, {
        prompt: 'a red',
        seed: 1,
        control: await apply({ start: 0.5, end: 1 }),
      });
    } finally {
      await context.cleanup();
    }
    // 20 steps, CFG as one batch of 2: one call per model per step.
    expect(counts.get('toy-controlnet/model.onnx')).toBe(10);
    expect(counts.get('controlnet/model.onnx')).toBe(10);
    expect(counts.get('unet/model.onnx')).toBe(10);
  });

  it('stacks through "previous": two at strength 0.5 add up to one at 1', async () => {
    const stacked = await apply({ strength: 0.5 }, await apply({ strength: 0.5 }));
    expect((stacked as Value[]).length).toBe(2);
    const single = await apply({ strength: 1 });
    const a = await generate(test.ctx, pipeline, {
      prompt: '',
      seed: 3,
      control: stacked,
      steps: 6,
    });
    const b = await generate(test.ctx, pipeline, {
      prompt: '',
      seed: 3,
      control: single,
      steps: 6,
    });
    expect(Array.from(a.latent.samples.data)).toEqual(Array.from(b.latent.samples.data));
  });

  describe('bad input', () => {
    it('start at or after end says which to move', async () => {
      const error = await expectNodeError(apply({ start: 0.6, end: 0.6 }));
      expect(error).toMatchObject({ code: 'INVALID_PARAM', field: 'start' });
      expect(error.message).toBe(
        '"Start" (0.6) must be below "End" (0.6), or the ControlNet never acts. Lower Start or raise End.',
      );
    });

    it('a loader wired straight into the sampler asks for Apply ControlNet', async () => {
      const error = await expectNodeError(
        generate(test.ctx, pipeline, { prompt: '', control: controlnet }),
      );
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'control' });
      expect(error.message).toContain('Put an Apply ControlNet node in between.');
    });

    it('a pipeline with no ControlNet-capable UNet says so', async () => {
      const plain = new ModelHandle(fixtures.models.find('diffusion', 'toy-sd-plain')!);
      const error = await expectNodeError(
        generate(test.ctx, plain, { prompt: '', control: await apply() }),
      );
      expect(error.code).toBe('PIPELINE_NO_CONTROLNET_UNET');
      expect(error.message).toContain(
        'The pipeline "toy-sd-plain" has no UNet that takes ControlNet residuals',
      );
    });

    it('a ControlNet made for another base model is named, with why', async () => {
      const other = new ModelHandle(fixtures.models.find('controlnet', 'sd2-controlnet')!);
      const { control } = await runNode(
        applyControlnetNode,
        { controlnet: other, image: circleEdges },
        {},
        test.ctx,
      );
      const error = await expectNodeError(generate(test.ctx, pipeline, { prompt: '', control }));
      expect(error.code).toBe('CONTROLNET_MISMATCH');
      expect(error.message).toBe(
        'The ControlNet "sd2-controlnet" does not fit this pipeline: it reads 1024-wide text, the pipeline’s text is 768 wide. It was made for another base model; pick a ControlNet trained for this one.',
      );
    });
  });
});
