import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEMS, datasetImage, rawLatents } from './dataset.ts';
import type { TempFolder } from './testing.ts';
import { openSession, stack, tempFolder } from './testing.ts';
import { TOY_SD_FOLDER, writeToySd } from './write.ts';

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('toy SD VAE', () => {
  let folder: TempFolder;
  let decoder: ort.InferenceSession;
  let encoder: ort.InferenceSession;
  const latents = stack(rawLatents());
  const images = stack(ITEMS.map(datasetImage));

  async function decode(latent: Float32Array): Promise<Float32Array> {
    const n = latent.length / 256;
    const result = await decoder.run({
      latent_sample: new ort.Tensor('float32', latent, [n, 4, 8, 8]),
    });
    expect(result.sample!.dims).toEqual([n, 3, 64, 64]);
    return result.sample!.data as Float32Array;
  }
  async function encode(image: Float32Array): Promise<Float32Array> {
    const n = image.length / 12288;
    const result = await encoder.run({ sample: new ort.Tensor('float32', image, [n, 3, 64, 64]) });
    expect(result.latent_sample!.dims).toEqual([n, 4, 8, 8]);
    return result.latent_sample!.data as Float32Array;
  }

  beforeAll(async () => {
    folder = await tempFolder();
    await writeToySd(folder.path);
    const pipeline = join(folder.path, TOY_SD_FOLDER);
    decoder = await openSession(join(pipeline, 'vae_decoder/model.onnx'));
    encoder = await openSession(join(pipeline, 'vae_encoder/model.onnx'));
  });
  afterAll(() => folder.remove());

  it('has the diffusers script’s names: latent_sample → sample, sample → latent_sample', () => {
    expect(decoder.inputNames).toEqual(['latent_sample']);
    expect(decoder.outputNames).toEqual(['sample']);
    expect(encoder.inputNames).toEqual(['sample']);
    expect(encoder.outputNames).toEqual(['latent_sample']);
  });

  it('decodes each dataset latent to its image, all nine in one batch', async () => {
    expect(maxDifference(await decode(latents), images)).toBeLessThan(1e-4);
  });

  it('encodes each dataset image to its latent', async () => {
    expect(maxDifference(await encode(images), latents)).toBeLessThan(1e-4);
  });

  it('round-trips encode(decode(z)) = z on the span of the dataset latents', async () => {
    expect(maxDifference(await encode(await decode(latents)), latents)).toBeLessThan(1e-4);
    const z = rawLatents();
    const mixture = z[1]!.map((_, p) => 0.5 * z[1]![p]! + 0.3 * z[4]![p]! + 0.2 * z[8]![p]!);
    expect(maxDifference(await encode(await decode(mixture)), mixture)).toBeLessThan(1e-4);
  });

  it('clips decoded pixels to [-1, 1]', async () => {
    const [first, , third] = rawLatents();
    const far = first!.map((value, p) => 6 * value - 5 * third![p]!);
    const pixels = await decode(far);
    expect(Math.max(...pixels)).toBe(1);
    expect(Math.min(...pixels)).toBe(-1);
  });
});
