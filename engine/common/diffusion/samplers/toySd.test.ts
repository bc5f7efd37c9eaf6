/**
 * The samplers on the toy Stable Diffusion pipeline
 * (resources/fixture-models/toySd): its UNet is the exact posterior-mean
 * denoiser of nine captioned latents, so a correct run of "a red circle"
 * with CFG 7.5 ends on the red circle's latent. The denoiser here is the
 * textbook ε-prediction wrapper, x0 = x − σ·ε(x/√(σ² + 1), t), over the raw
 * ONNX sessions; the nodes build their own (nodes/diffusion).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemIndex, LATENT_LENGTH } from '../../../../resources/fixture-models/toySd/dataset.ts';
import { guide } from '../../../../resources/fixture-models/toySd/testSampler.ts';
import type { TempFolder } from '../../../../resources/fixture-models/toySd/testing.ts';
import {
  nearestItem,
  openSession,
  promptIds,
  stack,
  tempFolder,
} from '../../../../resources/fixture-models/toySd/testing.ts';
import { TOY_SD_FOLDER, writeToySd } from '../../../../resources/fixture-models/toySd/write.ts';
import { parseSchedulerConfig, type SchedulerConfig } from '../schedulerConfig.ts';
import { TorchGenerator } from '../torchRandom.ts';
import { sample } from './sample.ts';
import { initialNoiseScale, samplingSchedule } from './schedule.ts';
import type { Denoiser, SamplerName, SamplingSchedule, SchedulerName } from './types.ts';

const SEEDS = [1, 2, 3, 4];
const GUIDANCE = 7.5;
const RED_CIRCLE = itemIndex('red', 'circle');

let folder: TempFolder;
let unet: ort.InferenceSession;
let textEncoder: ort.InferenceSession;
let config: SchedulerConfig;

beforeAll(async () => {
  folder = await tempFolder();
  await writeToySd(folder.path);
  const pipeline = join(folder.path, TOY_SD_FOLDER);
  unet = await openSession(join(pipeline, 'unet/model.onnx'));
  textEncoder = await openSession(join(pipeline, 'text_encoder/model.onnx'));
  const file = join(pipeline, 'scheduler/scheduler_config.json');
  config = parseSchedulerConfig(JSON.parse(await readFile(file, 'utf8')));
});
afterAll(() => folder.remove());

async function hidden(prompt: string): Promise<Float32Array> {
  const ids = new ort.Tensor('int32', promptIds(prompt), [1, 77]);
  return (await textEncoder.run({ input_ids: ids })).last_hidden_state!.data as Float32Array;
}

/** CFG over the batch [negative × n, positive × n], then ε → x0 in sigma space. */
async function guidedDenoiser(prompt: string): Promise<Denoiser> {
  const [negative, positive] = [await hidden(''), await hidden(prompt)];
  const rows = [negative, positive].flatMap((text) => SEEDS.map(() => text));
  const encoderHiddenStates = new ort.Tensor('float32', stack(rows), [rows.length, 77, 768]);
  return async (x, sigma, timestep) => {
    const input = x.map((value) => value / Math.sqrt(sigma * sigma + 1));
    const result = await unet.run({
      sample: new ort.Tensor('float32', stack([input, input]), [rows.length, 4, 8, 8]),
      timestep: new ort.Tensor('float32', Float32Array.of(timestep), [1]),
      encoder_hidden_states: encoderHiddenStates,
    });
    const noise = guide(result.out_sample!.data as Float32Array, GUIDANCE);
    return x.map((value, i) => value - sigma * noise[i]!);
  };
}

/** One torch generator per seed, as diffusers with a list of generators: the start, then a draw per step. */
function seededNoise(): { start: Float32Array; noise: () => Float32Array } {
  const generators = SEEDS.map((seed) => new TorchGenerator(seed));
  const draw = () => stack(generators.map((g) => g.randn([1, 4, 8, 8]).data));
  return { start: draw(), noise: draw };
}

async function landings(
  sampler: SamplerName,
  schedule: SamplingSchedule,
  startScale = initialNoiseScale(schedule),
): Promise<{ onTarget: number; worst: number }> {
  const { start, noise } = seededNoise();
  const latents = await sample({
    sampler,
    schedule,
    latent: start.map((value) => value * startScale),
    denoise: await guidedDenoiser('a red circle'),
    noise,
    config,
  });
  expect(latents).toHaveLength(SEEDS.length * LATENT_LENGTH);
  const rows = SEEDS.map((_, row) => nearestItem(latents, row));
  return {
    onTarget: rows.filter((row) => row.index === RED_CIRCLE).length,
    worst: Math.max(...rows.map((row) => row.rms)),
  };
}

function schedule(sampler: SamplerName, scheduler: SchedulerName = 'normal'): SamplingSchedule {
  return samplingSchedule(config, sampler, scheduler, sampler === 'lcm' ? 4 : 20);
}

/** RMS to the nearest dataset latent a correct run stays under (float error only). */
const EXACT = 1e-4;

describe('toy SD, "a red circle", CFG 7.5, seeds 1–4', () => {
  it.each(['euler', 'euler_ancestral', 'heun', 'dpm_2', 'dpmpp_2m', 'dpmpp_2m_sde'] as const)(
    '%s, 20 steps, normal and Karras: every seed ends on the red circle’s latent',
    async (sampler) => {
      for (const scheduler of ['normal', 'karras'] as const) {
        const { onTarget, worst } = await landings(sampler, schedule(sampler, scheduler));
        expect(onTarget).toBe(SEEDS.length);
        expect(worst).toBeLessThan(EXACT);
      }
    },
  );

  it('ddim, 20 steps: on the red circle but for its last step’s σ(ᾱ[0]) ≈ 0.029 of noise', async () => {
    const { onTarget, worst } = await landings('ddim', schedule('ddim'));
    expect(onTarget).toBe(SEEDS.length);
    expect(worst).toBeGreaterThan(0.015);
    expect(worst).toBeLessThan(0.045);
    // On Karras sigmas, which end in 0, DDIM lands exactly.
    expect((await landings('ddim', schedule('ddim', 'karras'))).worst).toBeLessThan(EXACT);
  });

  it('lcm, 4 steps: on the red circle (its last estimate is taken at σ ≈ 0.72)', async () => {
    const { onTarget, worst } = await landings('lcm', schedule('lcm'));
    expect(onTarget).toBe(SEEDS.length);
    expect(worst).toBeLessThan(1e-3);
  });

  it.each(['euler', 'euler_ancestral', 'heun', 'dpmpp_2m'] as const)(
    '%s on sigmas of DDPM’s linear betas (not the model’s) misses the exact landing',
    async (sampler) => {
      const ddpm = {
        ...config,
        beta_schedule: 'linear' as const,
        beta_start: 0.0001,
        beta_end: 0.02,
      };
      const { worst } = await landings(sampler, samplingSchedule(ddpm, sampler, 'normal', 20));
      expect(worst).toBeGreaterThan(10 * EXACT);
    },
  );
});
