/**
 * The toy SDXL pipeline's reason to exist: SDXL's recipe (both encoders'
 * penultimate states side by side, text_encoder_2's text_embeds, the right
 * time_ids) provably turns "a red circle" into the red circle, on exactly
 * toy SD's latent, and each way of getting the recipe wrong visibly fails.
 * The tiny loop of toySd/testSampler.ts drives the models.
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEMS, LATENT_LENGTH, datasetImage, itemIndex } from '../toySd/dataset.ts';
import { guide, sampleLatents } from '../toySd/testSampler.ts';
import type { TempFolder } from '../toySd/testing.ts';
import { nearestItem, openSession, promptIds, stack, tempFolder } from '../toySd/testing.ts';
import { TOY_SD_FOLDER, writeToySd } from '../toySd/write.ts';
import { TEXT_WIDTH_1, TEXT_WIDTH_2 } from './textEncoders.ts';
import type { EncodeOptions, XlConditioning } from './testing.ts';
import { RIGHT_TIME_IDS, encodeXl, zeroConditioning } from './testing.ts';
import { TOY_SDXL_FOLDER, writeToySdxl } from './write.ts';
import { XL_SCALING_FACTOR } from './vae.ts';

const SEEDS = 64;
const WIDTH = TEXT_WIDTH_1 + TEXT_WIDTH_2;
const redCircle = itemIndex('red', 'circle');

describe('toy SDXL pipeline under a 20-step sampler', () => {
  let folder: TempFolder;
  let unet: ort.InferenceSession;
  let sdUnet: ort.InferenceSession;
  let sdTextEncoder: ort.InferenceSession;
  let encoders: [ort.InferenceSession, ort.InferenceSession];
  let decoder: ort.InferenceSession;

  interface Recipe extends EncodeOptions {
    timeIds?: readonly number[];
    dropPooled?: boolean;
  }

  /** Samples SEEDS latents at CFG 7.5, batch [negative (zeros) × n, positive × n]. */
  async function sampleXl(prompt: string, recipe: Recipe = {}): Promise<Float32Array> {
    const positive = await encodeXl(encoders, prompt, recipe);
    if (recipe.dropPooled) positive.pooled.fill(0);
    const halves: XlConditioning[] = [zeroConditioning(), positive];
    const rows = halves.flatMap((half) => Array<XlConditioning>(SEEDS).fill(half));
    const timeIds = recipe.timeIds ?? RIGHT_TIME_IDS;
    const feeds = {
      encoder_hidden_states: new ort.Tensor('float32', stack(rows.map((row) => row.hidden)), [
        rows.length,
        77,
        WIDTH,
      ]),
      text_embeds: new ort.Tensor('float32', stack(rows.map((row) => row.pooled)), [
        rows.length,
        TEXT_WIDTH_2,
      ]),
      time_ids: new ort.Tensor('float32', stack(rows.map(() => timeIds)), [rows.length, 6]),
    };
    return sampleLatents({
      count: SEEDS,
      sampler: 'euler',
      predict: async (input, timestep) => {
        const result = await unet.run({
          ...feeds,
          sample: new ort.Tensor('float32', stack([input, input]), [rows.length, 4, 8, 8]),
          timestep: new ort.Tensor('float32', Float32Array.of(timestep), [1]),
        });
        return guide(result.out_sample!.data as Float32Array, 7.5);
      },
    });
  }

  /** The same run on toy SD (its negative is the encoded empty prompt, which its UNet reads as no words). */
  async function sampleSd(prompt: string): Promise<Float32Array> {
    const hidden = async (text: string) =>
      (
        await sdTextEncoder.run({
          input_ids: new ort.Tensor('int32', promptIds(text), [1, 77]),
        })
      ).last_hidden_state!.data as Float32Array;
    const [negative, positive] = [await hidden(''), await hidden(prompt)];
    const rows = [negative, positive].flatMap((text) => Array<Float32Array>(SEEDS).fill(text));
    const states = new ort.Tensor('float32', stack(rows), [rows.length, 77, 768]);
    return sampleLatents({
      count: SEEDS,
      sampler: 'euler',
      predict: async (input, timestep) => {
        const result = await sdUnet.run({
          sample: new ort.Tensor('float32', stack([input, input]), [rows.length, 4, 8, 8]),
          timestep: new ort.Tensor('float32', Float32Array.of(timestep), [1]),
          encoder_hidden_states: states,
        });
        return guide(result.out_sample!.data as Float32Array, 7.5);
      },
    });
  }

  function redCircles(latents: Float32Array): number {
    return Array.from({ length: SEEDS }, (_, row) => nearestItem(latents, row)).filter(
      (found) => found.index === redCircle,
    ).length;
  }

  beforeAll(async () => {
    folder = await tempFolder();
    await writeToySd(folder.path);
    await writeToySdxl(folder.path);
    const xl = join(folder.path, TOY_SDXL_FOLDER);
    const sd = join(folder.path, TOY_SD_FOLDER);
    unet = await openSession(join(xl, 'unet/model.onnx'));
    encoders = [
      await openSession(join(xl, 'text_encoder/model.onnx')),
      await openSession(join(xl, 'text_encoder_2/model.onnx')),
    ];
    decoder = await openSession(join(xl, 'vae_decoder/model.onnx'));
    sdUnet = await openSession(join(sd, 'unet/model.onnx'));
    sdTextEncoder = await openSession(join(sd, 'text_encoder/model.onnx'));
  }, 30_000);
  afterAll(() => folder.remove());

  it('SDXL’s recipe: "a red circle" ends on the red circle for every seed, on toy SD’s latents, and decodes at 0.13025', async () => {
    const latents = await sampleXl('a red circle');
    expect(redCircles(latents)).toBe(SEEDS);
    const sd = await sampleSd('a red circle');
    let largest = 0;
    for (let i = 0; i < latents.length; i++)
      largest = Math.max(largest, Math.abs(latents[i]! - sd[i]!));
    expect(largest).toBeLessThan(1e-4);

    const raw = latents.subarray(0, LATENT_LENGTH).map((value) => value / XL_SCALING_FACTOR);
    const decoded = await decoder.run({
      latent_sample: new ort.Tensor('float32', raw, [1, 4, 8, 8]),
    });
    const pixels = decoded.sample!.data as Float32Array;
    const target = datasetImage(ITEMS[redCircle]!);
    const meanError =
      pixels.reduce((sum, value, p) => sum + Math.abs(value - target[p]!), 0) / pixels.length;
    expect(meanError).toBeLessThan(1e-3);
  });

  it('a missing pooled embedding (zero text_embeds) leaves the prompt unheard', async () => {
    expect(redCircles(await sampleXl('a red circle', { dropPooled: true }))).toBeLessThan(
      SEEDS / 4,
    );
  });

  it('time_ids of zeros, or a real SDXL’s 1024s, leave the prompt unheard', async () => {
    expect(
      redCircles(await sampleXl('a red circle', { timeIds: [0, 0, 0, 0, 0, 0] })),
    ).toBeLessThan(SEEDS / 4);
    const real = [1024, 1024, 0, 0, 1024, 1024];
    expect(redCircles(await sampleXl('a red circle', { timeIds: real }))).toBeLessThan(SEEDS / 4);
  });

  it('last_hidden_state instead of hidden_states[-2], or the encoders swapped, miss the red circle', async () => {
    expect(redCircles(await sampleXl('a red circle', { layer: 'last' }))).toBeLessThan(SEEDS / 4);
    expect(redCircles(await sampleXl('a red circle', { order: 'swapped' }))).toBeLessThan(
      SEEDS / 4,
    );
  });
});
