/**
 * SDXL through the real nodes on the toy SDXL pipeline
 * (resources/fixture-models/toySdxl): its UNet is toy SD's exact denoiser
 * only when conditioned the SDXL way (both encoders' penultimate states side
 * by side, text_encoder_2's text_embeds, time_ids of the latent's size), so
 * "a red circle" lands on the red circle, on the very latent toy SD reaches
 * with the same seed, and each mistake loses the prompt.
 */
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelHandle } from '../../engine/common/models.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { Value } from '../../engine/common/values.ts';
import type { FixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { openFixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { ITEMS, itemIndex, scaledLatents } from '../../resources/fixture-models/toySd/dataset.ts';
import {
  FLAG_DIM_1,
  FLAG_DIM_2,
  TEXT_WIDTH_1,
  TEXT_WIDTH_2,
} from '../../resources/fixture-models/toySdxl/textEncoders.ts';
import { asSeededImage } from '../core/seededImage.ts';
import { samplerNode } from './sampler.ts';
import { timeIds } from './sdxlInputs.ts';
import { sizeConditioningNode } from './sizeConditioning.ts';
import {
  datasetTensor,
  generate,
  meanAbsoluteError,
  nearestItem,
  runWithDefaults,
} from './testing.ts';
import { textEncodeNode } from './textEncode.ts';
import { vaeDecodeNode } from './vaeDecode.ts';

const WIDTH = TEXT_WIDTH_1 + TEXT_WIDTH_2;
/** Rows of the toy encoders' tables: red 0, circle 3, <|endoftext|> 12, any other id 13. */
const ROW = { red: 0, circle: 3, end: 12, unknown: 13 } as const;
const redCircle = itemIndex('red', 'circle');

let fixtures: FixtureModels;
let test: TestContext;
let xl: ModelHandle;
let sd: ModelHandle;

beforeAll(async () => {
  fixtures = await openFixtureModels(async (library, bundled) => {
    // The toy SDXL without its VAE configs: the scaling factor falls back to SDXL's.
    const bare = join(library, 'diffusion', 'toy-sdxl-bare-vae');
    await cp(join(bundled, 'diffusion', 'toy-sdxl'), bare, { recursive: true });
    await rm(join(bare, 'vae_decoder', 'config.json'));
    await rm(join(bare, 'vae_encoder', 'config.json'));
  });
  test = await createTestContext({ models: fixtures.models });
  xl = new ModelHandle(fixtures.models.find('diffusion', 'toy-sdxl')!);
  sd = new ModelHandle(fixtures.models.find('diffusion', 'toy-sd')!);
}, 60_000);
afterAll(async () => {
  await test.cleanup();
  await fixtures.cleanup();
});

interface Conditioning {
  embeds: Tensor<'float32'>;
  pooled: Tensor<'float32'>;
}

async function encode(prompt: string, params: Record<string, string> = {}, pipeline = xl) {
  const { conditioning } = await runNode(
    textEncodeNode,
    { pipeline },
    { prompt, ...params },
    test.ctx,
  );
  return conditioning as unknown as Conditioning;
}

/** The values of token `token` in one encoder's half, from its flag dim on: [first 14]. */
function flags(embeds: Tensor<'float32'>, token: number, half: 1 | 2): number[] {
  const start = token * WIDTH + (half === 1 ? FLAG_DIM_1 : TEXT_WIDTH_1 + FLAG_DIM_2);
  return Array.from(embeds.data.subarray(start, start + 14));
}

function oneHot(row: number): number[] {
  return Array.from({ length: 14 }, (_, index) => (index === row ? 1 : 0));
}

describe('diffusion/text-encode on an SDXL pipeline', () => {
  it('is recognised as SDXL by the library, its widths read from the models', () => {
    expect(xl.summary.family).toBe('stable-diffusion/sdxl');
    expect(xl.summary.inputs.map((io) => io.name)).toEqual(
      expect.arrayContaining(['text_embeds', 'time_ids']),
    );
  });

  it('puts both encoders’ penultimate states side by side and pools text_encoder_2’s text_embeds', async () => {
    const { embeds, pooled } = await encode('a red circle');
    expect(embeds.dims).toEqual([1, 77, WIDTH]);
    expect(pooled.dims).toEqual([1, TEXT_WIDTH_2]);
    // Token 2 is "red", token 3 "circle": plain flags (the penultimate layer), not rotated (the last).
    expect(flags(embeds, 2, 1)).toEqual(oneHot(ROW.red));
    expect(flags(embeds, 3, 2)).toEqual(oneHot(ROW.circle));
    // Each tokenizer pads its own way: <|endoftext|> for the first, "!" (id 0, an unknown row) for the second.
    expect(flags(embeds, 76, 1)).toEqual(oneHot(ROW.end));
    expect(flags(embeds, 76, 2)).toEqual(oneHot(ROW.unknown));
    // text_embeds counts the prompt's words: red and circle.
    expect(
      Array.from(pooled.data.subarray(0, 6), (value) => Math.round(value * 1e4) / 1e4),
    ).toEqual([1, 0, 0, 1, 0, 0]);
    const read = fixtures.reads.map((file) => file.path.slice(xl.summary.path.length + 1));
    expect(read).toEqual(
      expect.arrayContaining([
        'tokenizer/vocab.json',
        'tokenizer_2/vocab.json',
        'tokenizer_2/special_tokens_map.json',
        'text_encoder/model.onnx',
        'text_encoder_2/model.onnx',
      ]),
    );
  });

  it('an empty prompt is all zeros, as diffusers feeds an SDXL pipeline given no negative prompt', async () => {
    const { embeds, pooled } = await encode('');
    expect(embeds.dims).toEqual([1, 77, WIDTH]);
    expect(embeds.data.every((value) => value === 0)).toBe(true);
    expect(pooled.data.every((value) => value === 0)).toBe(true);
  });

  it('weights each encoder’s states: (red:1.5) scales the token in both halves', async () => {
    const plain = (await encode('a red circle')).embeds;
    const weighted = (await encode('a (red:1.5) circle', { emphasis: 'noNorm' })).embeds;
    const row = (embeds: Tensor<'float32'>, token: number) =>
      Array.from(embeds.data.subarray(token * WIDTH, (token + 1) * WIDTH));
    expect(row(weighted, 2)).toEqual(row(plain, 2).map((value) => Math.fround(value * 1.5)));
    expect(row(weighted, 3)).toEqual(row(plain, 3));
  });
});

/** Text encode (size conditioning) → sampler on the toy SDXL, with a way to break the positive prompt. */
async function sampleXl(
  seed: number,
  options: { prompt?: string; dropPooled?: boolean; size?: Record<string, number> } = {},
) {
  let positive: Value = (await encode(options.prompt ?? 'a red circle')) as unknown as Value;
  if (options.dropPooled) {
    const { embeds, pooled } = positive as unknown as Conditioning;
    positive = { embeds, pooled: Tensor.zeros('float32', pooled.dims) };
  }
  if (options.size)
    positive = (
      await runWithDefaults(
        sizeConditioningNode,
        { conditioning: positive },
        options.size,
        test.ctx,
      )
    ).conditioning!;
  const latent = { samples: Tensor.zeros('float32', [1, 4, 8, 8]) };
  const negative = (await encode('')) as unknown as Value;
  const { latent: sampled } = await runWithDefaults(
    samplerNode,
    { pipeline: xl, positive, negative, latent },
    { seed, steps: 20, cfg: 7.5 },
    test.ctx,
  );
  return (sampled as { samples: Tensor<'float32'> }).samples;
}

/** The dataset item a latent is nearest to. */
function nearestLatent(samples: Tensor<'float32'>): number {
  const latents = scaledLatents();
  let best = { index: -1, distance: Infinity };
  latents.forEach((latent, index) => {
    let distance = 0;
    for (let p = 0; p < latent.length; p++) distance += (samples.data[p]! - latent[p]!) ** 2;
    if (distance < best.distance) best = { index, distance };
  });
  return best.index;
}

const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7];

async function redCircles(options: Parameters<typeof sampleXl>[1]): Promise<number> {
  let count = 0;
  for (const seed of SEEDS) if (nearestLatent(await sampleXl(seed, options)) === redCircle) count++;
  return count;
}

describe('diffusion/sampler on an SDXL pipeline', () => {
  it('"a red circle" lands on the red circle, on toy SD’s latent for the same seed, and decodes at 0.13025', async () => {
    const made = await generate(test.ctx, xl, { prompt: 'a red circle', seed: 5 });
    expect(nearestItem(made.image)).toMatchObject({ index: redCircle });
    expect(nearestItem(made.image).error).toBeLessThan(1e-3);
    expect(made.seeds).toEqual([5]);
    const reference = await generate(test.ctx, sd, { prompt: 'a red circle', seed: 5 });
    let largest = 0;
    made.latent.samples.data.forEach(
      (value, i) =>
        (largest = Math.max(largest, Math.abs(value - reference.latent.samples.data[i]!))),
    );
    expect(largest).toBeLessThan(1e-4);
  });

  it('right vs wrong: every seed lands on the red circle; without the pooled embedding or with wrong time_ids most miss', async () => {
    expect(await redCircles({})).toBe(SEEDS.length);
    expect(await redCircles({ dropPooled: true })).toBeLessThanOrEqual(3);
    // A real SDXL's habit, 1024 × 1024, is 1380 px off the toy's 64 × 64; a 64 px crop is 64 px off.
    expect(
      await redCircles({
        size: { originalWidth: 1024, originalHeight: 1024, targetWidth: 1024, targetHeight: 1024 },
      }),
    ).toBeLessThanOrEqual(3);
    expect(await redCircles({ size: { cropTop: 64 } })).toBeLessThanOrEqual(3);
    // Size conditioning that states the defaults changes nothing.
    const stated = await sampleXl(3, {
      size: { originalWidth: 64, originalHeight: 64, targetWidth: 64, targetHeight: 64 },
    });
    expect(Array.from(stated.data)).toEqual(Array.from((await sampleXl(3)).data));
  });

  it('a prompt from another pipeline, or a pooled embedding of the wrong width, is refused with what to connect', async () => {
    const fromSd = (await encode('a red circle', {}, sd)) as unknown as Value;
    const latent = { samples: Tensor.zeros('float32', [1, 4, 8, 8]) };
    const wide = await expectNodeError(
      runWithDefaults(
        samplerNode,
        { pipeline: xl, positive: fromSd, latent },
        { cfg: 1 },
        test.ctx,
      ),
    );
    expect(wide.code).toBe('CONDITIONING_MISMATCH');
    const { embeds } = await encode('a red circle');
    const narrow = await expectNodeError(
      runWithDefaults(
        samplerNode,
        { pipeline: xl, positive: { embeds, pooled: Tensor.zeros('float32', [1, 32]) }, latent },
        { cfg: 1 },
        test.ctx,
      ),
    );
    expect(narrow).toMatchObject({ code: 'CONDITIONING_MISMATCH', field: 'positive' });
    expect(narrow.message).toBe(
      `The positive prompt carries a 32-wide pooled embedding, but the SDXL UNet of "toy-sdxl" reads ${TEXT_WIDTH_2}: it was encoded by another pipeline's text encoders. Connect the Text encode nodes to the same pipeline as the Sampler.`,
    );
  });
});

describe('SDXL size conditioning', () => {
  it('time_ids are (original h, w, crop top, left, target h, w); sizes of 0 are the latent’s', () => {
    expect(Array.from(timeIds(undefined, 128, 96))).toEqual([1024, 768, 0, 0, 1024, 768]);
    expect(
      Array.from(timeIds({ original: [512, 0], crop: [16, 8], target: [2048, 1536] }, 128, 96)),
    ).toEqual([1024, 768, 16, 8, 2048, 1536]);
  });

  it('the node sets them on the conditioning, keeping its text', async () => {
    const conditioning = (await encode('a red circle')) as unknown as Value;
    const { conditioning: sized } = await runWithDefaults(
      sizeConditioningNode,
      { conditioning },
      { originalWidth: 1024, originalHeight: 768, cropLeft: 8, cropTop: 16 },
      test.ctx,
    );
    expect(sized).toMatchObject({
      embeds: (conditioning as unknown as Conditioning).embeds,
      size: { original: [768, 1024], crop: [16, 8], target: [0, 0] },
    });
  });
});

describe('diffusion/vae-decode on an SDXL pipeline', () => {
  it('divides by 0.13025, from the VAE config or, without one, as SDXL’s default', async () => {
    const latent = {
      samples: new Tensor('float32', [1, 4, 8, 8], scaledLatents()[itemIndex('blue', 'square')]!),
    };
    for (const name of ['toy-sdxl', 'toy-sdxl-bare-vae']) {
      const pipeline = new ModelHandle(fixtures.models.find('diffusion', name)!);
      const { image } = await runNode(vaeDecodeNode, { pipeline, latent }, {}, test.ctx);
      expect(asSeededImage(image)).toBeUndefined();
      const error = meanAbsoluteError(
        image as Tensor<'float32'>,
        0,
        datasetTensor(itemIndex('blue', 'square')),
      );
      expect(error, name).toBeLessThan(1e-4);
    }
    expect(ITEMS).toHaveLength(9);
  });
});
