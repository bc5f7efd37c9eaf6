/**
 * The toy SDXL components one by one: the encoders' outputs and what each
 * hidden state carries, the UNet against toy SD's on the same inputs, the
 * VAE's exactness at 0.13025.
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPcg32 } from '../../../engine/common/rng.ts';
import { ITEMS, datasetImage, scaledLatents } from '../toySd/dataset.ts';
import type { TempFolder } from '../toySd/testing.ts';
import { openSession, promptIds, stack, tempFolder } from '../toySd/testing.ts';
import { TOY_SD_FOLDER, writeToySd } from '../toySd/write.ts';
import {
  FLAG_DIM_1,
  FLAG_DIM_2,
  LAYERS_1,
  LAYERS_2,
  TEXT_WIDTH_1,
  TEXT_WIDTH_2,
} from './textEncoders.ts';
import { RIGHT_TIME_IDS, encodeXl, promptIds2, zeroConditioning } from './testing.ts';
import { XL_SCALING_FACTOR, xlRawLatents } from './vae.ts';
import { TOY_SDXL_FOLDER, writeToySdxl } from './write.ts';

const WIDTH = TEXT_WIDTH_1 + TEXT_WIDTH_2;

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

let folder: TempFolder;
let xl: string;
let sd: string;
beforeAll(async () => {
  folder = await tempFolder();
  await writeToySd(folder.path);
  await writeToySdxl(folder.path);
  xl = join(folder.path, TOY_SDXL_FOLDER);
  sd = join(folder.path, TOY_SD_FOLDER);
}, 30_000);
afterAll(() => folder.remove());

describe('toy SDXL text encoders', () => {
  let encoders: [ort.InferenceSession, ort.InferenceSession];
  beforeAll(async () => {
    encoders = [
      await openSession(join(xl, 'text_encoder/model.onnx')),
      await openSession(join(xl, 'text_encoder_2/model.onnx')),
    ];
  });

  it('have optimum’s SDXL names: int64 input_ids; hidden_states.N beside the usual outputs', () => {
    const [first, second] = encoders;
    expect(first.inputNames).toEqual(['input_ids']);
    expect([...first.outputNames].sort()).toEqual(
      [
        'last_hidden_state',
        'pooler_output',
        ...Array.from({ length: LAYERS_1 + 1 }, (_, n) => `hidden_states.${n}`),
      ].sort(),
    );
    expect([...second.outputNames].sort()).toEqual(
      [
        'text_embeds',
        'last_hidden_state',
        ...Array.from({ length: LAYERS_2 + 1 }, (_, n) => `hidden_states.${n}`),
      ].sort(),
    );
    expect(LAYERS_1).not.toBe(LAYERS_2);
    expect(TEXT_WIDTH_1).not.toBe(TEXT_WIDTH_2);
  });

  it('flag the words in the penultimate state, rotated in the last; text_embeds counts them', async () => {
    const ids = new ort.Tensor(
      'int64',
      BigInt64Array.from(promptIds('a red circle'), BigInt),
      [1, 77],
    );
    const first = await encoders[0].run({ input_ids: ids });
    const second = await encoders[1].run({ input_ids: ids });
    const row = (tensor: ort.Tensor, token: number, width: number, from: number) =>
      Array.from(
        (tensor.data as Float32Array).subarray(token * width + from, token * width + from + 6),
      );
    // Token 2 is "red", token 3 "circle".
    const penultimate1 = first[`hidden_states.${LAYERS_1 - 1}`]!;
    expect(row(penultimate1, 2, TEXT_WIDTH_1, FLAG_DIM_1)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(row(first.last_hidden_state!, 2, TEXT_WIDTH_1, FLAG_DIM_1)).toEqual([0, 1, 0, 0, 0, 0]);
    const penultimate2 = second[`hidden_states.${LAYERS_2 - 1}`]!;
    expect(row(penultimate2, 3, TEXT_WIDTH_2, FLAG_DIM_2)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(row(second.last_hidden_state!, 3, TEXT_WIDTH_2, FLAG_DIM_2)).toEqual([0, 0, 0, 0, 1, 0]);
    expect(row(first['hidden_states.0']!, 2, TEXT_WIDTH_1, FLAG_DIM_1)).toEqual([0, 0, 0, 0, 0, 0]);
    const pooled = Array.from((second.text_embeds!.data as Float32Array).subarray(0, 6));
    expect(pooled.map((value) => Math.round(value * 1e4) / 1e4)).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('pool at the first <|endoftext|>, so the second tokenizer’s "!" padding (id 0) changes nothing pooled', async () => {
    const run = (ids: Int32Array) =>
      encoders[1].run({
        input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, 77]),
      });
    const padded49407 = await run(promptIds('a blue square'));
    const padded0 = await run(promptIds2('a blue square'));
    expect(
      maxDifference(
        padded0.text_embeds!.data as Float32Array,
        padded49407.text_embeds!.data as Float32Array,
      ),
    ).toBeLessThan(1e-6);
  });
});

describe('toy SDXL UNet', () => {
  let unet: ort.InferenceSession;
  let sdUnet: ort.InferenceSession;
  let sdEncoder: ort.InferenceSession;
  let encoders: [ort.InferenceSession, ort.InferenceSession];
  beforeAll(async () => {
    unet = await openSession(join(xl, 'unet/model.onnx'));
    encoders = [
      await openSession(join(xl, 'text_encoder/model.onnx')),
      await openSession(join(xl, 'text_encoder_2/model.onnx')),
    ];
    sdUnet = await openSession(join(sd, 'unet/model.onnx'));
    sdEncoder = await openSession(join(sd, 'text_encoder/model.onnx'));
  });

  const rng = createPcg32(7n, 11n);
  const x = Float32Array.from({ length: 3 * 256 }, () => 2 * rng.next() - 1);
  const timesteps = Float32Array.of(901, 431.5, 21);

  async function xlNoise(
    prompt: string,
    change: { pooled?: 'zero'; timeIds?: readonly number[] } = {},
  ): Promise<Float32Array> {
    const conditioning = prompt === '' ? zeroConditioning() : await encodeXl(encoders, prompt);
    if (change.pooled === 'zero') conditioning.pooled.fill(0);
    const rows = [0, 1, 2];
    const result = await unet.run({
      sample: new ort.Tensor('float32', x, [3, 4, 8, 8]),
      timestep: new ort.Tensor('float32', timesteps, [3]),
      encoder_hidden_states: new ort.Tensor('float32', stack(rows.map(() => conditioning.hidden)), [
        3,
        77,
        WIDTH,
      ]),
      text_embeds: new ort.Tensor('float32', stack(rows.map(() => conditioning.pooled)), [
        3,
        TEXT_WIDTH_2,
      ]),
      time_ids: new ort.Tensor(
        'float32',
        stack(rows.map(() => change.timeIds ?? RIGHT_TIME_IDS)),
        [3, 6],
      ),
    });
    return result.out_sample!.data as Float32Array;
  }

  async function sdNoise(prompt: string): Promise<Float32Array> {
    const hidden = (
      await sdEncoder.run({ input_ids: new ort.Tensor('int32', promptIds(prompt), [1, 77]) })
    ).last_hidden_state!.data as Float32Array;
    const result = await sdUnet.run({
      sample: new ort.Tensor('float32', x, [3, 4, 8, 8]),
      timestep: new ort.Tensor('float32', timesteps, [3]),
      encoder_hidden_states: new ort.Tensor(
        'float32',
        stack([hidden, hidden, hidden]),
        [3, 77, 768],
      ),
    });
    return result.out_sample!.data as Float32Array;
  }

  it('is toy SD’s denoiser when conditioned the SDXL way', async () => {
    expect(
      maxDifference(await xlNoise('a green triangle'), await sdNoise('a green triangle')),
    ).toBeLessThan(1e-4);
    expect(maxDifference(await xlNoise(''), await sdNoise(''))).toBeLessThan(1e-4);
  });

  it('hears no prompt without text_embeds, or with time_ids 16 px or more off', async () => {
    const unconditional = await sdNoise('');
    const prompted = await sdNoise('a green triangle');
    expect(maxDifference(prompted, unconditional)).toBeGreaterThan(0.1);
    for (const noise of [
      await xlNoise('a green triangle', { pooled: 'zero' }),
      await xlNoise('a green triangle', { timeIds: [0, 0, 0, 0, 0, 0] }),
      await xlNoise('a green triangle', { timeIds: [64, 64, 16, 0, 64, 64] }),
    ])
      expect(maxDifference(noise, unconditional)).toBeLessThan(1e-4);
    // Half-way off: half the prompt's weight, between the two.
    const half = await xlNoise('a green triangle', { timeIds: [64, 64, 8, 0, 64, 64] });
    expect(maxDifference(half, unconditional)).toBeGreaterThan(1e-3);
    expect(maxDifference(half, prompted)).toBeGreaterThan(1e-3);
  });
});

describe('toy SDXL VAE', () => {
  it('is exact on the dataset at scaling factor 0.13025', async () => {
    const decoder = await openSession(join(xl, 'vae_decoder/model.onnx'));
    const encoder = await openSession(join(xl, 'vae_encoder/model.onnx'));
    const raw = stack(xlRawLatents());
    const images = stack(ITEMS.map(datasetImage));
    const decoded = (
      await decoder.run({ latent_sample: new ort.Tensor('float32', raw, [9, 4, 8, 8]) })
    ).sample!.data as Float32Array;
    expect(maxDifference(decoded, images)).toBeLessThan(1e-4);
    const encoded = (
      await encoder.run({ sample: new ort.Tensor('float32', images, [9, 3, 64, 64]) })
    ).latent_sample!.data as Float32Array;
    // Raw latents are about 7.7× the scaled ones; compare in the sampler's space.
    expect(
      maxDifference(
        encoded.map((value) => value * XL_SCALING_FACTOR),
        stack(scaledLatents()),
      ),
    ).toBeLessThan(1e-4);
  });
});
