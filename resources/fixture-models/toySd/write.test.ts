import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelMetadata } from '../onnx/metadata.ts';
import { writeToyControlnet } from '../toyControlnet/write.ts';
import type { TempFolder } from './testing.ts';
import { tempFolder } from './testing.ts';
import { TOY_SD_FOLDER, writeToySd } from './write.ts';

async function listFiles(root: string, folder = root): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? listFiles(root, join(folder, entry.name))
        : Promise.resolve([relative(root, join(folder, entry.name))]),
    ),
  );
  return nested.flat().sort();
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

describe('writeToySd / writeToyControlnet', () => {
  let first: TempFolder;
  let second: TempFolder;

  beforeAll(async () => {
    [first, second] = [await tempFolder(), await tempFolder()];
    for (const folder of [first, second]) {
      await writeToySd(folder.path);
      await writeToyControlnet(folder.path);
    }
  });
  afterAll(async () => {
    await first.remove();
    await second.remove();
  });

  it('writes the diffusers ONNX layout, plus the ControlNet UNet and the toy ControlNet', async () => {
    expect(await listFiles(first.path)).toEqual([
      'controlnet/toy-controlnet/config.json',
      'controlnet/toy-controlnet/model.onnx',
      'diffusion/toy-sd/controlnet/config.json',
      'diffusion/toy-sd/controlnet/model.onnx',
      'diffusion/toy-sd/model_index.json',
      'diffusion/toy-sd/scheduler/scheduler_config.json',
      'diffusion/toy-sd/text_encoder/config.json',
      'diffusion/toy-sd/text_encoder/model.onnx',
      'diffusion/toy-sd/tokenizer/merges.txt',
      'diffusion/toy-sd/tokenizer/special_tokens_map.json',
      'diffusion/toy-sd/tokenizer/tokenizer_config.json',
      'diffusion/toy-sd/tokenizer/vocab.json',
      'diffusion/toy-sd/unet/config.json',
      'diffusion/toy-sd/unet/model.onnx',
      'diffusion/toy-sd/vae_decoder/config.json',
      'diffusion/toy-sd/vae_decoder/model.onnx',
      'diffusion/toy-sd/vae_encoder/config.json',
      'diffusion/toy-sd/vae_encoder/model.onnx',
    ]);
  });

  it('describes the pipeline and its SD 1.x schedule in diffusers’ config files', async () => {
    const pipeline = join(first.path, TOY_SD_FOLDER);
    expect(await readJson(join(pipeline, 'model_index.json'))).toMatchObject({
      _class_name: 'OnnxStableDiffusionPipeline',
      tokenizer: ['transformers', 'CLIPTokenizer'],
      text_encoder: ['diffusers', 'OnnxRuntimeModel'],
      unet: ['diffusers', 'OnnxRuntimeModel'],
      vae_decoder: ['diffusers', 'OnnxRuntimeModel'],
      vae_encoder: ['diffusers', 'OnnxRuntimeModel'],
      scheduler: ['diffusers', 'PNDMScheduler'],
    });
    expect(await readJson(join(pipeline, 'scheduler/scheduler_config.json'))).toMatchObject({
      beta_schedule: 'scaled_linear',
      beta_start: 0.00085,
      beta_end: 0.012,
      num_train_timesteps: 1000,
      steps_offset: 1,
      prediction_type: 'epsilon',
      timestep_spacing: 'leading',
      set_alpha_to_one: false,
      clip_sample: false,
    });
    for (const vae of ['vae_decoder', 'vae_encoder']) {
      expect(await readJson(join(pipeline, vae, 'config.json'))).toMatchObject({
        scaling_factor: 0.18215,
        latent_channels: 4,
      });
    }
    expect(await readJson(join(pipeline, 'unet/config.json'))).toMatchObject({ sample_size: 8 });
  });

  it('labels every model as a toy: weft.fixture, weft.contract and weft.computes', async () => {
    const models = (await listFiles(first.path)).filter((file) => file.endsWith('.onnx'));
    const labels = await Promise.all(
      models.map(async (file) => readModelMetadata(await readFile(join(first.path, file)))),
    );
    expect(labels.map((metadata) => metadata['weft.fixture'])).toEqual([
      'toy-controlnet',
      'toy-sd/controlnet',
      'toy-sd/text_encoder',
      'toy-sd/unet',
      'toy-sd/vae_decoder',
      'toy-sd/vae_encoder',
    ]);
    for (const metadata of labels) {
      expect(metadata['weft.contract']).toMatch(/→/);
      expect(metadata['weft.computes']).toMatch(/not a trained network/);
    }
  });

  it('is deterministic: generating twice gives identical bytes', async () => {
    const files = await listFiles(first.path);
    for (const file of files) {
      const [a, b] = await Promise.all([
        readFile(join(first.path, file)),
        readFile(join(second.path, file)),
      ]);
      expect(a.equals(b), file).toBe(true);
    }
  });

  it('stays small: under 2 MB in all, no file over 600 kB', async () => {
    const sizes = await Promise.all(
      (await listFiles(first.path)).map(async (file) => (await stat(join(first.path, file))).size),
    );
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThan(2_000_000);
    expect(Math.max(...sizes)).toBeLessThan(600_000);
  });
});
