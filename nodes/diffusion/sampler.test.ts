/**
 * diffusion/sampler on the toy pipeline (resources/fixture-models/toySd):
 * its UNet is the exact posterior-mean denoiser of nine captioned images, so
 * a correct run of "a red circle" ends on the red circle's image, and the
 * ways a sampler goes wrong show as pixel error or another image.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../../engine/common/diffusion/samplers/sample.ts';
import {
  initialNoiseScale,
  samplingSchedule,
} from '../../engine/common/diffusion/samplers/schedule.ts';
import type { SamplerName } from '../../engine/common/diffusion/samplers/types.ts';
import { SAMPLERS } from '../../engine/common/diffusion/samplers/types.ts';
import type { SchedulerConfig } from '../../engine/common/diffusion/schedulerConfig.ts';
import { parseSchedulerConfig } from '../../engine/common/diffusion/schedulerConfig.ts';
import { TorchGenerator } from '../../engine/common/diffusion/torchRandom.ts';
import type { ModelAccess, RunnableModel } from '../../engine/common/models.ts';
import { ModelHandle } from '../../engine/common/models.ts';
import type { NodeContext } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { FixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { openFixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { itemIndex } from '../../resources/fixture-models/toySd/dataset.ts';
import { createDenoiser } from './denoiser.ts';
import { emptyLatentNode } from './emptyLatent.ts';
import { guidanceEmbedding } from './lcmGuidance.ts';
import { samplerNode } from './sampler.ts';
import {
  datasetTensor,
  generate,
  meanAbsoluteError,
  nearestItem,
  runWithDefaults,
} from './testing.ts';
import { textEncodeNode } from './textEncode.ts';
import { vaeDecodeNode } from './vaeDecode.ts';
import { vaeEncodeNode } from './vaeEncode.ts';

let fixtures: FixtureModels;
let test: TestContext;
let pipeline: ModelHandle;
let ctx: NodeContext;

beforeAll(async () => {
  fixtures = await openFixtureModels();
  test = await createTestContext({ models: fixtures.models });
  ctx = test.ctx;
  pipeline = new ModelHandle(fixtures.models.find('diffusion', 'toy-sd')!);
});
afterAll(async () => {
  await test.cleanup();
  await fixtures.cleanup();
});

const PROMPTS = [
  { prompt: 'a red circle', item: itemIndex('red', 'circle'), seed: 1 },
  { prompt: 'a blue square', item: itemIndex('blue', 'square'), seed: 2 },
  { prompt: 'a green triangle', item: itemIndex('green', 'triangle'), seed: 3 },
];

/**
 * Mean absolute pixel error a sampler may end with. Euler-family runs end on
 * x0 exactly (float error, ~1e-7); DDIM returns diffusers' last VP latent,
 * which keeps the last step's noise (σ ≈ 0.029: about 0.005 in pixels).
 */
function tolerance(sampler: SamplerName): number {
  return sampler === 'ddim' ? 0.01 : 1e-3;
}

async function conditioning(prompt: string): Promise<Tensor<'float32'>> {
  const { conditioning } = await runWithDefaults(textEncodeNode, { pipeline }, { prompt }, ctx);
  return (conditioning as { embeds: Tensor<'float32'> }).embeds;
}

async function decode(latent: Float32Array): Promise<Tensor<'float32'>> {
  const samples = new Tensor('float32', [1, 4, 8, 8], latent);
  const { image } = await runWithDefaults(
    vaeDecodeNode,
    { pipeline, latent: { samples } },
    {},
    ctx,
  );
  return image as Tensor<'float32'>;
}

async function pipelineFile(relative: string): Promise<string> {
  return fixtures.models.readText(`${pipeline.summary.path}/${relative}`);
}

describe('diffusion/sampler on the toy pipeline', () => {
  for (const sampler of SAMPLERS) {
    it(`${sampler}: each prompt lands on its image with small pixel error`, async () => {
      for (const { prompt, item, seed } of PROMPTS) {
        const { image } = await generate(ctx, pipeline, {
          prompt,
          seed,
          sampler,
          steps: sampler === 'lcm' ? 4 : 20,
        });
        const nearest = nearestItem(image);
        expect(nearest.index, `${sampler} "${prompt}"`).toBe(item);
        expect(nearest.error, `${sampler} "${prompt}"`).toBeLessThan(tolerance(sampler));
      }
    });
  }

  it('the same check fails a deliberately wrong schedule (DDPM’s linear betas, reversed timesteps)', async () => {
    const config = parseSchedulerConfig(
      JSON.parse(await pipelineFile('scheduler/scheduler_config.json')),
    );
    const unet = await fixtures.models.open(`${pipeline.summary.path}/unet/model.onnx`);
    const right = samplingSchedule(config, 'euler', 'normal', 20);
    const linear = samplingSchedule(
      { ...config, beta_schedule: 'linear', beta_start: 0.0001, beta_end: 0.02 },
      'euler',
      'normal',
      20,
    );
    const schedules = {
      right,
      linear,
      reversed: { ...right, timesteps: Float64Array.from(right.timesteps).reverse() },
    };
    const positive = await conditioning('a red circle');
    const negative = await conditioning('');
    const errors: Record<string, number> = {};
    for (const [name, schedule] of Object.entries(schedules)) {
      const generator = new TorchGenerator(1);
      const draw = () => generator.randn([1, 4, 8, 8]).data;
      const latent = draw().map((value) => value * initialNoiseScale(schedule));
      const denoise = createDenoiser({
        unet,
        controlUnet: undefined,
        shape: [4, 8, 8],
        positive,
        negative,
        cfg: 7.5,
        guidanceRescale: 0,
        prediction: 'epsilon',
        timestepCond: undefined,
        integerTimesteps: false,
        controls: [],
        progress: () => ({ step: 0, total: 20 }),
        signal: new AbortController().signal,
      });
      const result = await sample({
        sampler: 'euler',
        schedule,
        latent,
        denoise,
        noise: draw,
        config,
      });
      errors[name] = meanAbsoluteError(await decode(result), 0, datasetTensor(0));
    }
    expect(errors.right).toBeLessThan(tolerance('euler'));
    expect(errors.linear).toBeGreaterThan(5 * tolerance('euler'));
    expect(errors.reversed).toBeGreaterThan(20 * tolerance('euler'));
  });

  it('an Euler run matches a float64 reference: noise × σ0, x/√(σ²+1) in, [negative, positive] CFG', async () => {
    const config = parseSchedulerConfig(
      JSON.parse(await pipelineFile('scheduler/scheduler_config.json')),
    );
    const unet = await fixtures.models.open(`${pipeline.summary.path}/unet/model.onnx`);
    const positive = await conditioning('a blue square');
    const negative = await conditioning('');
    const expected = await referenceEuler(unet, config, positive, negative, { seed: 9, cfg: 5 });
    const { latent } = await generate(ctx, pipeline, {
      prompt: 'a blue square',
      seed: 9,
      cfg: 5,
      sampler: 'euler',
    });
    let largest = 0;
    expected.forEach(
      (value, i) => (largest = Math.max(largest, Math.abs(value - latent.samples.data[i]!))),
    );
    expect(largest).toBeLessThan(1e-5);
  });

  it('CFG 7.5 agrees with the prompt more often than CFG 1 across seeds', async () => {
    const agreement = async (cfg: number) => {
      let hits = 0;
      for (let seed = 0; seed < 10; seed++) {
        const { image } = await generate(ctx, pipeline, { prompt: 'a red circle', seed, cfg });
        if (nearestItem(image).index === itemIndex('red', 'circle')) hits++;
      }
      return hits;
    };
    const unguided = await agreement(1);
    const guided = await agreement(7.5);
    expect(guided).toBe(10);
    // The toy's prompt prior alone gives the red circle about 83 %: seeds 3, 4 and 9 land elsewhere.
    expect(unguided).toBe(7);
  });

  it('img2img: denoise 0.3 stays close to the input, denoise 1 follows the prompt', async () => {
    const blueSquare = itemIndex('blue', 'square');
    const { latent } = await runNode(
      vaeEncodeNode,
      { pipeline, image: datasetTensor(blueSquare) },
      {},
      ctx,
    );
    const light = await generate(ctx, pipeline, {
      prompt: 'a red circle',
      latent,
      denoise: 0.3,
      seed: 4,
    });
    expect(nearestItem(light.image)).toMatchObject({ index: blueSquare });
    expect(meanAbsoluteError(light.image, 0, datasetTensor(blueSquare))).toBeLessThan(1e-3);
    const full = await generate(ctx, pipeline, {
      prompt: 'a red circle',
      latent,
      denoise: 1,
      seed: 4,
    });
    expect(nearestItem(full.image).index).toBe(itemIndex('red', 'circle'));
    expect(nearestItem(full.image).error).toBeLessThan(1e-3);
  });

  it('the same seed twice gives identical bytes; different seeds give different images', async () => {
    const first = await generate(ctx, pipeline, { prompt: 'a circle', seed: 11 });
    const again = await generate(ctx, pipeline, { prompt: 'a circle', seed: 11 });
    expect(Buffer.from(again.latent.samples.bytes())).toEqual(
      Buffer.from(first.latent.samples.bytes()),
    );
    const png = (image: Tensor<'float32'>) => ctx.images.encode(image, 0, 'png');
    expect(Buffer.from(await png(again.image))).toEqual(Buffer.from(await png(first.image)));
    // "a circle" leaves the colour to the noise: four seeds give more than one circle.
    const items = new Set<number>();
    for (const seed of [11, 12, 13, 14]) {
      const { image } = await generate(ctx, pipeline, { prompt: 'a circle', seed });
      items.add(nearestItem(image).index);
    }
    expect(items.size).toBeGreaterThan(1);
    expect([...items].every((item) => item % 3 === 0)).toBe(true);
  });

  it('a batch of 3 uses seed, seed + 1, seed + 2 and records each image’s seed', async () => {
    const batch = await generate(ctx, pipeline, {
      prompt: 'a circle',
      seed: 20,
      batch: 3,
      sampler: 'euler_ancestral',
    });
    expect(batch.latent.seeds).toEqual([20, 21, 22]);
    expect(batch.seeds).toEqual([20, 21, 22]);
    expect(batch.latent.samples.dims).toEqual([3, 4, 8, 8]);
    for (let b = 0; b < 3; b++) {
      const single = await generate(ctx, pipeline, {
        prompt: 'a circle',
        seed: 20 + b,
        sampler: 'euler_ancestral',
      });
      expect(Array.from(batch.latent.samples.data.subarray(b * 256, (b + 1) * 256))).toEqual(
        Array.from(single.latent.samples.data),
      );
    }
  });

  it('reports each step with a preview and stops between steps when cancelled', async () => {
    const controller = new AbortController();
    const steps: { step: number; total: number; dims: readonly number[] | undefined }[] = [];
    const watched: NodeContext = {
      ...ctx,
      signal: controller.signal,
      progress(step, total, preview) {
        steps.push({ step, total, dims: preview?.dims });
        if (step === 5) controller.abort(new Error('stopped by the test'));
      },
    };
    const error = await generate(watched, pipeline, { prompt: 'a red circle', seed: 1 }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect((error as Error).message).toBe('stopped by the test');
    expect(steps.map(({ step }) => step)).toEqual([1, 2, 3, 4, 5]);
    expect(steps.every(({ total, dims }) => total === 20 && dims?.join() === '1,8,8,3')).toBe(true);
  });

  describe('UNet export variants', () => {
    interface Call {
      batch: number;
      timestep: unknown;
      timestepCond?: Float32Array;
    }

    /** ctx.models whose toy UNet declares other inputs, recording each call; the real UNet computes. */
    async function variantContext(
      declare: (inputs: RunnableModel['inputs']) => RunnableModel['inputs'],
    ) {
      const calls: Call[] = [];
      const unetPath = `${pipeline.summary.path}/unet/model.onnx`;
      const models: ModelAccess = {
        ...fixtures.models,
        async open(path) {
          const model = await fixtures.models.open(path);
          if (path !== unetPath) return model;
          return {
            ...model,
            inputs: declare(model.inputs),
            run(feeds, options) {
              const { timestep_cond: cond, ...rest } = feeds;
              calls.push({
                batch: (feeds.sample as Tensor).dims[0]!,
                timestep: feeds.timestep,
                ...(cond ? { timestepCond: (cond as Tensor<'float32'>).data } : {}),
              });
              return model.run(rest, options);
            },
          };
        },
      };
      const context = await createTestContext({ models });
      contexts.push(context);
      return { ctx: context.ctx, calls };
    }
    const contexts: TestContext[] = [];
    afterAll(() => Promise.all(contexts.map((context) => context.cleanup())));

    it('a UNet fixed at batch 1 gets CFG as two calls per step, with the same result', async () => {
      const fixed = await variantContext((inputs) =>
        inputs.map((io) => (io.name === 'sample' ? { ...io, shape: [1, 4, 8, 8] } : io)),
      );
      const options = { prompt: 'a green square', seed: 6, steps: 5 };
      const split = await generate(fixed.ctx, pipeline, options);
      expect(fixed.calls.map((call) => call.batch)).toEqual(Array<number>(10).fill(1));
      const batched = await generate(ctx, pipeline, options);
      expect(Array.from(split.latent.samples.data)).toEqual(
        Array.from(batched.latent.samples.data),
      );
    });

    it('a UNet taking int64 timesteps gets whole numbers (Karras’s fractional ones rounded)', async () => {
      const integer = await variantContext((inputs) =>
        inputs.map((io) => (io.name === 'timestep' ? { ...io, dtype: 'int64' } : io)),
      );
      const options = { prompt: 'a red circle', seed: 1, steps: 4, scheduler: 'karras' };
      await generate(integer.ctx, pipeline, options);
      const fractional = samplingSchedule(
        parseSchedulerConfig(JSON.parse(await pipelineFile('scheduler/scheduler_config.json'))),
        'euler',
        'karras',
        4,
      ).timesteps;
      expect(Array.from(fractional).some((timestep) => !Number.isInteger(timestep))).toBe(true);
      expect(integer.calls.map((call) => call.timestep)).toEqual(
        Array.from(fractional, Math.round),
      );
    });

    it('an LCM UNet (timestep_cond) gets the guidance embedding of cfg and no CFG batch', async () => {
      const lcm = await variantContext((inputs) => [
        ...inputs,
        { name: 'timestep_cond', dtype: 'float32', shape: ['batch', 256] },
      ]);
      await generate(lcm.ctx, pipeline, {
        prompt: 'a red circle',
        seed: 1,
        steps: 4,
        sampler: 'lcm',
        cfg: 8,
      });
      expect(lcm.calls).toHaveLength(4);
      for (const call of lcm.calls) {
        expect(call.batch).toBe(1);
        expect(Array.from(call.timestepCond!)).toEqual(Array.from(guidanceEmbedding(8, 256)));
      }
    });
  });

  describe('bad input', () => {
    async function inputs(options: { negative?: boolean; latent?: unknown } = {}) {
      const positive = (
        await runWithDefaults(textEncodeNode, { pipeline }, { prompt: 'a red circle' }, ctx)
      ).conditioning!;
      const negative = (await runWithDefaults(textEncodeNode, { pipeline }, { prompt: '' }, ctx))
        .conditioning!;
      const { latent } = await runWithDefaults(emptyLatentNode, {}, { width: 64, height: 64 }, ctx);
      return {
        pipeline,
        positive,
        ...(options.negative === false ? {} : { negative }),
        latent: (options.latent as typeof latent | undefined) ?? latent!,
      };
    }

    it('steps and CFG out of range name the field and its range', async () => {
      for (const [params, text] of [
        [{ steps: 0 }, '"Steps" must be a whole number from 1 to 150, got 0.'],
        [{ steps: 151 }, '"Steps" must be a whole number from 1 to 150, got 151.'],
        [{ cfg: 31 }, '"CFG" must be a number from 0 to 30, got 31.'],
        [{ denoise: 1.5 }, '"Denoise" must be a number from 0 to 1, got 1.5.'],
      ] as const) {
        const error = await expectNodeError(runNode(samplerNode, await inputs(), params, ctx));
        expect(error.code).toBe('INVALID_PARAM');
        expect(error.message).toBe(`Sampler: ${text}`);
      }
    });

    it('CFG above 1 without a negative asks for one; CFG 1 runs without it', async () => {
      const error = await expectNodeError(
        runNode(samplerNode, await inputs({ negative: false }), { cfg: 7.5 }, ctx),
      );
      expect(error).toMatchObject({ code: 'MISSING_INPUT', field: 'negative' });
      expect(error.message).toContain('CFG 7.5 needs a negative prompt');
      const { latent } = await runNode(
        samplerNode,
        await inputs({ negative: false }),
        { cfg: 1, steps: 2 },
        ctx,
      );
      expect((latent as { samples: Tensor }).samples.dims).toEqual([1, 4, 8, 8]);
    });

    it('a conditioning from another model’s text encoder is refused', async () => {
      const wide = {
        embeds: Tensor.zeros('float32', [1, 77, 1024]),
        pooled: Tensor.zeros('float32', [1, 1024]),
      };
      const error = await expectNodeError(
        runNode(
          samplerNode,
          { ...(await inputs({ negative: false })), positive: wide },
          { cfg: 1 },
          ctx,
        ),
      );
      expect(error.code).toBe('CONDITIONING_MISMATCH');
      expect(error.message).toContain(
        'encoded 1024 wide, but the UNet of "toy-sd" reads 768-wide text',
      );
    });

    it('denoise too small to leave a step says what to raise', async () => {
      const latent = {
        samples: new Tensor('float32', [1, 4, 8, 8], new Float32Array(256).fill(0.5)),
      };
      const error = await expectNodeError(
        runNode(samplerNode, await inputs({ latent }), { denoise: 0.01, steps: 20 }, ctx),
      );
      expect(error.code).toBe('SCHEDULE_INVALID');
      expect(error.message).toContain('raise denoise or steps');
    });

    it('denoise 0 passes the latent through, keeping the seeds it came with (it sampled nothing)', async () => {
      const samples = new Tensor('float32', [1, 4, 8, 8], new Float32Array(256).fill(0.5));
      const { latent } = await runNode(
        samplerNode,
        await inputs({ latent: { samples } }),
        { denoise: 0, seed: 3 },
        ctx,
      );
      expect(latent).toEqual({ samples });
      const seeded = await runNode(
        samplerNode,
        await inputs({ latent: { samples, seeds: [41] } }),
        { denoise: 0, seed: 3 },
        ctx,
      );
      expect(seeded.latent).toEqual({ samples, seeds: [41] });
    });
  });
});

/**
 * diffusers' Euler loop in float64, calling the UNet directly: x = noise ×
 * init sigma; each step ε = ε_neg + g(ε_pos − ε_neg) at x/√(σ² + 1), then
 * x += (σ_next − σ)·ε.
 */
async function referenceEuler(
  unet: RunnableModel,
  config: SchedulerConfig,
  positive: Tensor<'float32'>,
  negative: Tensor<'float32'>,
  options: { seed: number; cfg: number },
): Promise<Float64Array> {
  const schedule = samplingSchedule(config, 'euler', 'normal', 20);
  const noise = new TorchGenerator(options.seed).randn([1, 4, 8, 8]).data;
  const x = Float64Array.from(noise, (value) => value * initialNoiseScale(schedule));
  const hidden = new Float32Array(2 * positive.size);
  hidden.set(negative.data);
  hidden.set(positive.data, positive.size);
  for (let step = 0; step < 20; step++) {
    const sigma = schedule.sigmas[step]!;
    const next = schedule.sigmas[step + 1]!;
    const input = new Float32Array(512);
    for (let i = 0; i < 256; i++) input[i] = input[256 + i] = x[i]! / Math.sqrt(sigma * sigma + 1);
    const { out_sample: out } = await unet.run({
      sample: new Tensor('float32', [2, 4, 8, 8], input),
      timestep: schedule.timesteps[step]!,
      encoder_hidden_states: new Tensor('float32', [2, 77, 768], hidden),
    });
    const eps = out!.data as Float32Array;
    for (let i = 0; i < 256; i++) {
      const guided = eps[i]! + options.cfg * (eps[256 + i]! - eps[i]!);
      x[i] = x[i]! + (next - sigma) * guided;
    }
  }
  return x;
}
