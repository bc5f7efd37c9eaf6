import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtures } from './generate.ts';

let root: string;
let files: string[];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'weft-fixture-set-'));
  await writeFixtures(root);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  files = entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(root.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('writeFixtures (npm run fixtures)', () => {
  it('writes each fixture under <kind>/<name>/, kinds being diffusion, controlnet, vocoder, interpolation, depth', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'vocoder/toy-vocoder/model.onnx',
        'vocoder/toy-vocoder/config.json',
        'interpolation/toy-rife/model.onnx',
        'interpolation/toy-rife-11ch/model.onnx',
        'depth/toy-depth/model.onnx',
        'depth/toy-depth/config.json',
        'diffusion/toy-sd/model_index.json',
        'diffusion/toy-sd/unet/model.onnx',
        'diffusion/toy-sdxl/model_index.json',
        'diffusion/toy-sdxl/text_encoder_2/model.onnx',
        'controlnet/toy-controlnet/model.onnx',
      ]),
    );
    expect(new Set(files.map((file) => file.split('/')[0]))).toEqual(
      new Set(['diffusion', 'controlnet', 'vocoder', 'interpolation', 'depth']),
    );
  });

  it('stays within 20 MB in all', async () => {
    let total = 0;
    for (const file of files) total += (await stat(join(root, file))).size;
    expect(total).toBeLessThanOrEqual(20 * 1024 * 1024);
  });

  it('writes models ONNX Runtime loads, with the contract names', async () => {
    const expected: Record<string, [string[], string[]]> = {
      'vocoder/toy-vocoder/model.onnx': [['mel'], ['waveform']],
      'interpolation/toy-rife/model.onnx': [['input'], ['output']],
      'interpolation/toy-rife-11ch/model.onnx': [['input'], ['output']],
      'depth/toy-depth/model.onnx': [['input'], ['output']],
    };
    for (const file of files.filter((name) => name.endsWith('.onnx'))) {
      // By path, as the engine loads them (external weights beside a model resolve).
      const session = await ort.InferenceSession.create(join(root, file));
      const names = expected[file];
      if (names) expect([[...session.inputNames], [...session.outputNames]]).toEqual(names);
      await session.release();
    }
  });

  it("writes HiFi-GAN's config.json keys beside the vocoder", async () => {
    const config = JSON.parse(
      await readFile(join(root, 'vocoder/toy-vocoder/config.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(config).toMatchObject({
      sampling_rate: 22050,
      hop_size: 256,
      n_fft: 1024,
      win_size: 1024,
      num_mels: 80,
      fmin: 0,
      fmax: 8000,
    });
  });

  it('writes the depth normalisation into config.json', async () => {
    const config = JSON.parse(
      await readFile(join(root, 'depth/toy-depth/config.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(config).toMatchObject({
      image_mean: [0.485, 0.456, 0.406],
      image_std: [0.229, 0.224, 0.225],
      width: 256,
      height: 256,
    });
  });
});
