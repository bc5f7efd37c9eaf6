import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelMetadata } from '../onnx/metadata.ts';
import type { TempFolder } from '../toySd/testing.ts';
import { tempFolder } from '../toySd/testing.ts';
import { TOY_SDXL_FOLDER, writeToySdxl } from './write.ts';

async function listFiles(root: string, folder = root): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? listFiles(root, join(folder, entry.name))
        : Promise.resolve([relative(root, join(folder, entry.name)).split('\\').join('/')]),
    ),
  );
  return nested.flat().sort();
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

describe('writeToySdxl', () => {
  let first: TempFolder;
  let second: TempFolder;
  let pipeline: string;

  beforeAll(async () => {
    [first, second] = [await tempFolder(), await tempFolder()];
    for (const folder of [first, second]) await writeToySdxl(folder.path);
    pipeline = join(first.path, TOY_SDXL_FOLDER);
  });
  afterAll(async () => {
    await first.remove();
    await second.remove();
  });

  it('writes the diffusers/optimum SDXL layout: two tokenizers, two text encoders', async () => {
    expect(await listFiles(pipeline)).toEqual([
      'model_index.json',
      'scheduler/scheduler_config.json',
      'text_encoder/config.json',
      'text_encoder/model.onnx',
      'text_encoder_2/config.json',
      'text_encoder_2/model.onnx',
      'tokenizer/merges.txt',
      'tokenizer/special_tokens_map.json',
      'tokenizer/tokenizer_config.json',
      'tokenizer/vocab.json',
      'tokenizer_2/merges.txt',
      'tokenizer_2/special_tokens_map.json',
      'tokenizer_2/tokenizer_config.json',
      'tokenizer_2/vocab.json',
      'unet/config.json',
      'unet/model.onnx',
      'vae_decoder/config.json',
      'vae_decoder/model.onnx',
      'vae_encoder/config.json',
      'vae_encoder/model.onnx',
    ]);
  });

  it('names the SDXL pipeline class, pads the second tokenizer with "!", scales the VAE by 0.13025', async () => {
    expect(await readJson(join(pipeline, 'model_index.json'))).toMatchObject({
      _class_name: 'StableDiffusionXLPipeline',
      force_zeros_for_empty_prompt: true,
      text_encoder_2: ['diffusers', 'OnnxRuntimeModel'],
      tokenizer_2: ['transformers', 'CLIPTokenizer'],
    });
    expect(await readJson(join(pipeline, 'tokenizer/special_tokens_map.json'))).toMatchObject({
      pad_token: '<|endoftext|>',
    });
    expect(await readJson(join(pipeline, 'tokenizer_2/special_tokens_map.json'))).toMatchObject({
      pad_token: '!',
    });
    const vocab = await readJson(join(pipeline, 'tokenizer_2/vocab.json'));
    expect(vocab['!']).toBe(0);
    for (const vae of ['vae_decoder', 'vae_encoder'])
      expect(await readJson(join(pipeline, vae, 'config.json'))).toMatchObject({
        scaling_factor: 0.13025,
      });
    expect(await readJson(join(pipeline, 'scheduler/scheduler_config.json'))).toMatchObject({
      _class_name: 'EulerDiscreteScheduler',
      timestep_spacing: 'leading',
      steps_offset: 1,
    });
  });

  it('labels every model as a toy', async () => {
    const models = (await listFiles(pipeline)).filter((file) => file.endsWith('.onnx'));
    const labels = await Promise.all(
      models.map(async (file) => readModelMetadata(await readFile(join(pipeline, file)))),
    );
    expect(labels.map((metadata) => metadata['weft.fixture'])).toEqual([
      'toy-sdxl/text_encoder',
      'toy-sdxl/text_encoder_2',
      'toy-sdxl/unet',
      'toy-sdxl/vae_decoder',
      'toy-sdxl/vae_encoder',
    ]);
    for (const metadata of labels) {
      expect(metadata['weft.contract']).toMatch(/→/);
      expect(metadata['weft.computes']).toMatch(/not a trained network/);
    }
  });

  it('is deterministic and small: identical bytes twice, under 400 kB in all', async () => {
    let total = 0;
    for (const file of await listFiles(pipeline)) {
      const [a, b] = await Promise.all([
        readFile(join(pipeline, file)),
        readFile(join(second.path, TOY_SDXL_FOLDER, file)),
      ]);
      expect(a.equals(b), file).toBe(true);
      total += (await stat(join(pipeline, file))).size;
    }
    expect(total).toBeLessThan(400_000);
  });
});
