/**
 * diffusion/text-encode on the toy pipeline, whose text encoder gives each
 * token a one-hot row (textEncoder.ts): dims 0–5 red, green, blue, circle,
 * square, triangle; 6–10 a, the, photo, of, and; 11 <|startoftext|>;
 * 12 <|endoftext|>; 13 any other id. So every row of the output says which
 * token sat there.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelHandle } from '../../engine/common/models.ts';
import type { Tensor } from '../../engine/common/tensor.ts';
import type { FixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { openFixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { textEncodeNode } from './textEncode.ts';

const WIDTH = 768;
const DIM = { red: 0, circle: 3, a: 6, start: 11, end: 12, unknown: 13 } as const;

let fixtures: FixtureModels;
let test: TestContext;
let pipeline: ModelHandle;

/** Copies of the toy pipeline with one thing changed, in the user library. */
async function variants(library: string, bundled: string): Promise<void> {
  const source = join(bundled, 'diffusion', 'toy-sd');
  const copy = async (name: string) => {
    const folder = join(library, 'diffusion', name);
    await cp(source, folder, { recursive: true });
    return folder;
  };
  // SD 2.x style: pad with "!" (id 0).
  const sd2 = await copy('toy-sd2-pad');
  const special = join(sd2, 'tokenizer', 'special_tokens_map.json');
  const map = JSON.parse(await readFile(special, 'utf8')) as Record<string, unknown>;
  await writeFile(special, JSON.stringify({ ...map, pad_token: '!' }));
  // A vocabulary from a bigger model: "red" gets an id the text encoder does not have.
  const wrong = await copy('toy-wrong-vocab');
  const vocabFile = join(wrong, 'tokenizer', 'vocab.json');
  const vocab = JSON.parse(await readFile(vocabFile, 'utf8')) as Record<string, number>;
  await writeFile(vocabFile, JSON.stringify({ ...vocab, 'red</w>': 60000 }));
  // No merges.txt: the library lists it as broken, so the test builds its handle by hand.
  await rm(join(await copy('toy-no-merges'), 'tokenizer', 'merges.txt'));
}

beforeAll(async () => {
  fixtures = await openFixtureModels(variants);
  test = await createTestContext({ models: fixtures.models });
  pipeline = new ModelHandle(fixtures.models.find('diffusion', 'toy-sd')!);
});
afterAll(async () => {
  await test.cleanup();
  await fixtures.cleanup();
});

async function encode(prompt: string, params: Record<string, string> = {}, handle = pipeline) {
  const { conditioning } = await runNode(
    textEncodeNode,
    { pipeline: handle },
    { prompt, ...params },
    test.ctx,
  );
  return conditioning as { embeds: Tensor<'float32'>; pooled: Tensor<'float32'> };
}

/** Row `row` of the embeddings. */
function row(embeds: Tensor<'float32'>, index: number): Float32Array {
  return embeds.data.subarray(index * WIDTH, (index + 1) * WIDTH);
}

/** The one-hot dim set in a row (the token that sat there). */
function token(embeds: Tensor<'float32'>, index: number): number {
  return Array.from(row(embeds, index).subarray(0, 16)).findIndex((value) => value === 1);
}

/** The toy pipeline as seen with a UNet that takes any number of tokens. */
function unlimited(handle: ModelHandle): ModelHandle {
  const inputs = handle.summary.inputs.map((io) =>
    io.name === 'encoder_hidden_states' ? { ...io, shape: ['batch', 'sequence', WIDTH] } : io,
  );
  return new ModelHandle({ ...handle.summary, inputs });
}

describe('diffusion/text-encode', () => {
  it('encodes bos, the words, eos and SD 1.x padding (49407) with the pipeline’s tokenizer', async () => {
    const { embeds, pooled } = await encode('A red CIRCLE');
    expect(embeds.dims).toEqual([1, 77, WIDTH]);
    expect([0, 1, 2, 3, 4, 5, 76].map((index) => token(embeds, index))).toEqual([
      DIM.start,
      DIM.a,
      DIM.red,
      DIM.circle,
      DIM.end,
      DIM.end,
      DIM.end,
    ]);
    // pooled = the rows up to the first eos: bos, a, red, circle, eos.
    expect(pooled.dims).toEqual([1, WIDTH]);
    expect(Array.from(pooled.data.subarray(0, 14))).toEqual([
      1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0,
    ]);
    const read = fixtures.reads.map((file) => file.path.slice(pipeline.summary.path.length + 1));
    expect(read).toEqual(
      expect.arrayContaining([
        'tokenizer/vocab.json',
        'tokenizer/merges.txt',
        'tokenizer/special_tokens_map.json',
        'text_encoder/model.onnx',
      ]),
    );
  });

  it('pads with the pipeline’s own pad token: "!" (id 0) for an SD 2.x-style tokenizer', async () => {
    const sd2 = new ModelHandle(fixtures.models.find('diffusion', 'toy-sd2-pad')!);
    const { embeds } = await encode('a red circle', {}, sd2);
    expect([4, 5, 76].map((index) => token(embeds, index))).toEqual([
      DIM.end,
      DIM.unknown,
      DIM.unknown,
    ]);
  });

  it('weights words: noNorm scales the row, original also restores the mean, comfy scales the difference from ""', async () => {
    const plain = (await encode('a red circle')).embeds;
    const noNorm = (await encode('a (red:1.5) circle', { emphasis: 'noNorm' })).embeds;
    expect(Array.from(row(noNorm, 2))).toEqual(
      Array.from(row(plain, 2), (value) => Math.fround(value * 1.5)),
    );
    expect(Array.from(row(noNorm, 3))).toEqual(Array.from(row(plain, 3)));

    const original = (await encode('a (red:1.5) circle')).embeds;
    const mean = (values: Float32Array) =>
      values.reduce((sum, value) => sum + value, 0) / values.length;
    const scale = row(original, 3)[DIM.circle]!;
    expect(scale).not.toBeCloseTo(1, 3);
    expect(row(original, 2)[DIM.red]).toBeCloseTo(1.5 * scale, 5);
    expect(mean(original.data)).toBeCloseTo(mean(plain.data), 6);

    const empty = (await encode('')).embeds;
    const comfy = (await encode('a (red:1.5) circle', { emphasis: 'comfy' })).embeds;
    row(comfy, 2).forEach((value, dim) =>
      expect(value).toBeCloseTo(
        (row(plain, 2)[dim]! - row(empty, 2)[dim]!) * 1.5 + row(empty, 2)[dim]!,
        5,
      ),
    );
  });

  it('a UNet with a fixed 77 tokens keeps the first chunk and warns how many tokens were cut', async () => {
    const { embeds } = await encode(Array.from({ length: 80 }, () => 'red').join(' '));
    expect(embeds.dims).toEqual([1, 77, WIDTH]);
    expect(token(embeds, 75)).toBe(DIM.red);
    expect(token(embeds, 76)).toBe(DIM.end);
    expect(test.logs.at(-1)).toEqual({
      level: 'warn',
      message:
        'The prompt is 80 tokens, but the UNet of "toy-sd" takes 75 at a time: the last 5 tokens were cut. Shorten the prompt, or put what matters first.',
    });
  });

  it('longer prompts and BREAK take more 77-token chunks, joined along the tokens', async () => {
    const long = (
      await encode(Array.from({ length: 80 }, () => 'red').join(' '), {}, unlimited(pipeline))
    ).embeds;
    expect(long.dims).toEqual([1, 154, WIDTH]);
    expect([76, 77, 78, 82, 83, 84].map((index) => token(long, index))).toEqual([
      DIM.end,
      DIM.start,
      DIM.red,
      DIM.red,
      DIM.end,
      DIM.end,
    ]);
    const broken = (await encode('a red BREAK circle', {}, unlimited(pipeline))).embeds;
    expect(broken.dims).toEqual([1, 154, WIDTH]);
    expect([2, 3, 77, 78, 79].map((index) => token(broken, index))).toEqual([
      DIM.red,
      DIM.end,
      DIM.start,
      DIM.circle,
      DIM.end,
    ]);
  });

  describe('bad input', () => {
    it('a tokenizer from another model is named, with what to copy', async () => {
      const wrong = new ModelHandle(fixtures.models.find('diffusion', 'toy-wrong-vocab')!);
      const error = await expectNodeError(encode('a red circle', {}, wrong));
      expect(error.code).toBe('TOKENIZER_MISMATCH');
      expect(error.message).toBe(
        'The pipeline "toy-wrong-vocab" has a tokenizer that gives token id 60000, but its text encoder knows only 49408 tokens: the tokenizer folder belongs to another model. Copy the tokenizer/ folder from the same export as text_encoder/.',
      );
    });

    it('a missing tokenizer file names the file, what it is for and where to put it', async () => {
      const folder = join(fixtures.library, 'diffusion', 'toy-no-merges');
      expect(fixtures.models.find('diffusion', 'toy-no-merges')).toBeUndefined();
      const handle = new ModelHandle({ ...pipeline.summary, name: 'toy-no-merges', path: folder });
      const error = await expectNodeError(encode('a red circle', {}, handle));
      expect(error.code).toBe('PIPELINE_FILE_MISSING');
      expect(error.message).toBe(
        `The pipeline "toy-no-merges" has no tokenizer/merges.txt (the tokenizer merges). Copy that file from the pipeline's export into ${folder}, or pick a complete pipeline.`,
      );
    });

    it('a model that is not a pipeline is refused at the input', async () => {
      const controlnet = new ModelHandle(fixtures.models.find('controlnet', 'toy-controlnet')!);
      const error = await expectNodeError(encode('a red circle', {}, controlnet));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'pipeline' });
      expect(error.message).toContain(
        'needs a diffusion pipeline, but got the controlnet model toy-controlnet',
      );
    });
  });
});
