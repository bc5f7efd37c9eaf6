/**
 * The fixture's reason to exist: a correct sampler provably turns "a red
 * circle" into the red circle. The tiny loop of testSampler.ts drives the
 * generated models; Weft's real samplers are tested later against the same
 * property.
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEMS, LATENT_LENGTH, SCALING_FACTOR, datasetImage, itemIndex } from './dataset.ts';
import { guide, sampleLatents } from './testSampler.ts';
import type { TempFolder } from './testing.ts';
import { nearestItem, openSession, promptIds, stack, tempFolder } from './testing.ts';
import { TOY_SD_FOLDER, writeToySd } from './write.ts';

const SEEDS = 64;

describe('toy SD pipeline under a 20-step sampler', () => {
  let folder: TempFolder;
  let unet: ort.InferenceSession;
  let textEncoder: ort.InferenceSession;
  let decoder: ort.InferenceSession;

  async function hidden(prompt: string): Promise<Float32Array> {
    const ids = new ort.Tensor('int32', promptIds(prompt), [1, 77]);
    return (await textEncoder.run({ input_ids: ids })).last_hidden_state!.data as Float32Array;
  }

  /** Samples SEEDS latents for the prompt; under CFG the batch is [negative, positive] unless swapped. */
  async function sample(
    prompt: string,
    guidance: number,
    sampler: 'ddim' | 'euler' = 'ddim',
    swapBatchOrder = false,
  ): Promise<Float32Array> {
    const [negative, positive] = [await hidden(''), await hidden(prompt)];
    const halves = swapBatchOrder ? [positive, negative] : [negative, positive];
    const rows = (guidance > 1 ? halves : [positive]).flatMap((text) =>
      Array<Float32Array>(SEEDS).fill(text),
    );
    const encoderHiddenStates = new ort.Tensor('float32', stack(rows), [rows.length, 77, 768]);
    return sampleLatents({
      count: SEEDS,
      sampler,
      predict: async (input, timestep) => {
        const batch = guidance > 1 ? stack([input, input]) : input;
        const result = await unet.run({
          sample: new ort.Tensor('float32', batch, [rows.length, 4, 8, 8]),
          timestep: new ort.Tensor('float32', Float32Array.of(timestep), [1]),
          encoder_hidden_states: encoderHiddenStates,
        });
        const noise = result.out_sample!.data as Float32Array;
        return guidance > 1 ? guide(noise, guidance) : noise;
      },
    });
  }

  function landings(latents: Float32Array) {
    const rows = Array.from({ length: SEEDS }, (_, row) => nearestItem(latents, row));
    return {
      counts: ITEMS.map((item) => rows.filter((row) => row.index === item.index).length),
      worstDistance: Math.max(...rows.map((row) => row.rms)),
    };
  }

  beforeAll(async () => {
    folder = await tempFolder();
    await writeToySd(folder.path);
    const pipeline = join(folder.path, TOY_SD_FOLDER);
    unet = await openSession(join(pipeline, 'unet/model.onnx'));
    textEncoder = await openSession(join(pipeline, 'text_encoder/model.onnx'));
    decoder = await openSession(join(pipeline, 'vae_decoder/model.onnx'));
  });
  afterAll(() => folder.remove());

  const redCircle = itemIndex('red', 'circle');

  it('DDIM, CFG 7.5: "a red circle" ends at the red circle for every seed, and decodes to its image', async () => {
    const latents = await sample('a red circle', 7.5);
    const { counts, worstDistance } = landings(latents);
    expect(counts[redCircle]).toBe(SEEDS);
    // DDIM's last step keeps √(1 − ᾱ[0]) ≈ 0.029 of noise.
    expect(worstDistance).toBeLessThan(0.045);
    const raw = latents.subarray(0, LATENT_LENGTH).map((value) => value / SCALING_FACTOR);
    const decoded = await decoder.run({
      latent_sample: new ort.Tensor('float32', raw, [1, 4, 8, 8]),
    });
    const pixels = decoded.sample!.data as Float32Array;
    const target = datasetImage(ITEMS[redCircle]!);
    const meanError =
      pixels.reduce((sum, value, p) => sum + Math.abs(value - target[p]!), 0) / pixels.length;
    expect(meanError).toBeLessThan(0.03);
  });

  it('Euler, CFG 7.5: the same ODE ends exactly on the red circle', async () => {
    const { counts, worstDistance } = landings(await sample('a red circle', 7.5, 'euler'));
    expect(counts[redCircle]).toBe(SEEDS);
    expect(worstDistance).toBeLessThan(1e-4);
  });

  it('CFG 1: most seeds reach the red circle but a noticeable fraction land elsewhere', async () => {
    const { counts } = landings(await sample('a red circle', 1));
    expect(counts[redCircle]).toBeGreaterThan(SEEDS / 2);
    expect(SEEDS - counts[redCircle]!).toBeGreaterThanOrEqual(5);
  });

  it('a sampler that swaps CFG’s batch order visibly fails: most seeds miss the red circle', async () => {
    const { counts } = landings(await sample('a red circle', 7.5, 'ddim', true));
    expect(counts[redCircle]).toBeLessThan(SEEDS / 4);
  });
});
