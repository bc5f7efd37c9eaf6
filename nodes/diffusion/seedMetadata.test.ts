/**
 * "The seed actually used is in every output's metadata": a batch's seeds go
 * from the sampler's LATENT through VAE decode into the IMAGE, and Save Image
 * writes each file's own seed into its PNG (weft:seed).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPngText } from '../../engine/common/media/pngText.ts';
import { ModelHandle } from '../../engine/common/models.ts';
import type { FixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import { openFixtureModels } from '../../engine/node/testing/fixtureModels.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { SEED_TEXT_KEY, saveImageNode } from '../core/saveImage.ts';
import { asSeededImage } from '../core/seededImage.ts';
import { emptyLatentNode } from './emptyLatent.ts';
import { samplerNode } from './sampler.ts';
import { generate, runWithDefaults } from './testing.ts';
import { textEncodeNode } from './textEncode.ts';
import { vaeDecodeNode } from './vaeDecode.ts';
import { vaeEncodeNode } from './vaeEncode.ts';

let fixtures: FixtureModels;
let test: TestContext;
let pipeline: ModelHandle;

beforeAll(async () => {
  fixtures = await openFixtureModels();
  test = await createTestContext({ models: fixtures.models });
  pipeline = new ModelHandle(fixtures.models.find('diffusion', 'toy-sd')!);
});
afterAll(async () => {
  await test.cleanup();
  await fixtures.cleanup();
});

describe('seeds in saved images', () => {
  it('a batch of 3 with seed 7 saves files with seeds 7, 8, 9 in their PNG metadata', async () => {
    const encode = async (prompt: string) =>
      (await runWithDefaults(textEncodeNode, { pipeline }, { prompt }, test.ctx)).conditioning!;
    const { latent: empty } = await runWithDefaults(
      emptyLatentNode,
      {},
      { width: 64, height: 64, batch: 3 },
      test.ctx,
    );
    const { latent } = await runWithDefaults(
      samplerNode,
      { pipeline, positive: await encode('a circle'), negative: await encode(''), latent: empty! },
      { seed: 7, steps: 8 },
      test.ctx,
    );
    expect(latent).toMatchObject({ seeds: [7, 8, 9] });
    const { image } = await runNode(vaeDecodeNode, { pipeline, latent: latent! }, {}, test.ctx);
    expect(asSeededImage(image)?.seeds).toEqual([7, 8, 9]);
    await runNode(saveImageNode, { image: image! }, { prefix: 'batch' }, test.ctx);

    const files = test.written();
    expect(files).toHaveLength(3);
    const seeds = await Promise.all(
      files.map(async (file) => readPngText(await readFile(file.path))[SEED_TEXT_KEY]),
    );
    expect(seeds).toEqual(['7', '8', '9']);
    expect(test.logs.at(-1)?.message).toBe(
      'Saved batch_00001.png (seed 7), batch_00002.png (seed 8), batch_00003.png (seed 9).',
    );

    // Each file's seed remakes that image on its own: image 2 of the batch is seed 9's.
    const pixels = asSeededImage(image)!.image;
    const single = await generate(test.ctx, pipeline, { prompt: 'a circle', seed: 9, steps: 8 });
    expect(single.seeds).toEqual([9]);
    const alone = single.image.data;
    let largest = 0;
    for (let i = 0; i < alone.length; i++)
      largest = Math.max(largest, Math.abs(pixels.data[2 * alone.length + i]! - alone[i]!));
    expect(largest).toBeLessThan(1e-6);
  });

  it('images from VAE encode (not sampled) carry no seed until a sampler reworks them', async () => {
    const { latent: empty } = await runWithDefaults(
      emptyLatentNode,
      {},
      { width: 64, height: 64 },
      test.ctx,
    );
    const { image: blank } = await runNode(
      vaeDecodeNode,
      { pipeline, latent: empty! },
      {},
      test.ctx,
    );
    expect(asSeededImage(blank)).toBeUndefined();
    const { latent: encoded } = await runNode(
      vaeEncodeNode,
      { pipeline, image: blank! },
      {},
      test.ctx,
    );
    expect(encoded).not.toHaveProperty('seeds');
    const reworked = await generate(test.ctx, pipeline, {
      prompt: 'a red circle',
      latent: encoded!,
      denoise: 0.5,
      seed: 12,
    });
    expect(reworked.seeds).toEqual([12]);
  });
});
