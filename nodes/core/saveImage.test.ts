import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { readPngText } from '../../engine/common/media/pngText.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { SEED_TEXT_KEY, previewImageNode, saveImageNode } from './saveImage.ts';

/** The contract with `weft graph-from` and drag-and-drop, spelled out. */
const GRAPH_TEXT_KEY = 'weft:graph';

const graph: GraphFile = {
  format: 'weft/graph',
  version: 1,
  meta: { title: 'Red and blue — ünïcödé' },
  nodes: {
    color: { type: 'core/solid-color', params: { color: '#ff0000' } },
    save: { type: 'core/save-image', inputs: { image: 'color.image' } },
  },
};

/** Two 2×1 images: red-green and blue-white. */
const batch = new Tensor(
  'float32',
  [2, 1, 2, 3],
  Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]),
);

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext({ graph, nodeId: 'save' });
});
afterEach(async () => {
  await test.cleanup();
});

describe('core/save-image', () => {
  it('writes every image of the batch as numbered PNGs that carry the graph', async () => {
    expect(await runNode(saveImageNode, { image: batch }, { prefix: 'shapes' }, test.ctx)).toEqual(
      {},
    );
    const files = test.written();
    expect(files.map((file) => [basename(file.path), file.kind])).toEqual([
      ['shapes_00001.png', 'output'],
      ['shapes_00002.png', 'output'],
    ]);
    expect(files[0]!.path).toBe(join(test.outputDir, 'shapes_00001.png'));
    const second = await readFile(files[1]!.path);
    expect([...(await sharp(second).raw().toBuffer())]).toEqual([0, 0, 255, 255, 255, 255]);
    const text = readPngText(second);
    expect(text[GRAPH_TEXT_KEY]).toBe(JSON.stringify(graph));
    expect(JSON.parse(text[GRAPH_TEXT_KEY]!)).toEqual(graph);
    expect(test.progress.map(({ step, total }) => [step, total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('writes each image’s own seed (weft:seed) when the image carries seeds, and lists them in the log', async () => {
    const seeded = { image: batch, seeds: [7, 8] };
    await runNode(saveImageNode, { image: seeded }, { prefix: 'seeded' }, test.ctx);
    const texts = await Promise.all(
      test.written().map(async (file) => readPngText(await readFile(file.path))),
    );
    expect(texts.map((text) => text[SEED_TEXT_KEY])).toEqual(['7', '8']);
    expect(texts.every((text) => text[GRAPH_TEXT_KEY] === JSON.stringify(graph))).toBe(true);
    expect(test.logs).toEqual([
      { level: 'info', message: 'Saved seeded_00001.png (seed 7), seeded_00002.png (seed 8).' },
    ]);
    // The pixels are the same as without seeds.
    const second = await readFile(test.written()[1]!.path);
    expect([...(await sharp(second).raw().toBuffer())]).toEqual([0, 0, 255, 255, 255, 255]);
  });

  it('writes no seed for images that carry none, and logs nothing', async () => {
    await runNode(saveImageNode, { image: batch }, {}, test.ctx);
    const text = readPngText(await readFile(test.written()[0]!.path));
    expect(text[SEED_TEXT_KEY]).toBeUndefined();
    expect(test.logs).toEqual([]);
  });

  it('never overwrites: a second run takes the next numbers', async () => {
    await runNode(saveImageNode, { image: batch }, {}, test.ctx);
    await runNode(saveImageNode, { image: batch }, {}, test.ctx);
    expect((await readdir(test.outputDir)).sort()).toEqual([
      'weft_00001.png',
      'weft_00002.png',
      'weft_00003.png',
      'weft_00004.png',
    ]);
  });

  it('writes JPEG and WebP with the chosen quality', async () => {
    const big = new Tensor(
      'float32',
      [1, 32, 32, 3],
      Float32Array.from({ length: 32 * 32 * 3 }, (_, i) => ((i * 7919) % 256) / 255),
    );
    await runNode(saveImageNode, { image: big }, { format: 'jpeg', quality: 10 }, test.ctx);
    await runNode(saveImageNode, { image: big }, { format: 'jpeg', quality: 100 }, test.ctx);
    await runNode(saveImageNode, { image: big }, { format: 'webp', quality: 80 }, test.ctx);
    const [low, high, webp] = test.written();
    expect(basename(low!.path)).toBe('weft_00001.jpg');
    expect(basename(webp!.path)).toBe('weft_00001.webp');
    const lowBytes = await readFile(low!.path);
    const highBytes = await readFile(high!.path);
    expect([...lowBytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(lowBytes.length).toBeLessThan(highBytes.length);
    expect((await sharp(await readFile(webp!.path)).metadata()).format).toBe('webp');
  });

  it('sanitizes the prefix so files stay in the output folder', async () => {
    await runNode(saveImageNode, { image: batch }, { prefix: '../../escape' }, test.ctx);
    expect(test.written().map((file) => file.path)).toEqual([
      join(test.outputDir, 'escape_00001.png'),
      join(test.outputDir, 'escape_00002.png'),
    ]);
  });

  it('refuses a quality outside 1–100 and a missing image', async () => {
    await expect(
      runNode(saveImageNode, { image: batch }, { quality: 0 }, test.ctx),
    ).rejects.toThrow('Save Image: "Quality" must be a whole number from 1 to 100, got 0.');
    await expect(runNode(saveImageNode, {}, {}, test.ctx)).rejects.toThrow(
      /"image" input is not connected/,
    );
  });

  it('stops between images when the run is cancelled', async () => {
    const controller = new AbortController();
    const cancelled = await createTestContext({ graph, signal: controller.signal });
    try {
      controller.abort();
      await expect(runNode(saveImageNode, { image: batch }, {}, cancelled.ctx)).rejects.toThrow();
      expect(cancelled.written()).toEqual([]);
    } finally {
      await cancelled.cleanup();
    }
  });
});

describe('core/preview-image', () => {
  it('writes PNG previews to the preview folder, not the outputs', async () => {
    await runNode(previewImageNode, { image: batch }, {}, test.ctx);
    expect(test.written().map((file) => [basename(file.path), file.kind])).toEqual([
      ['preview-save_00001.png', 'preview'],
      ['preview-save_00002.png', 'preview'],
    ]);
    expect(await readdir(test.previewDir)).toHaveLength(2);
    await expect(readdir(test.outputDir)).rejects.toThrow();
    const first = await readFile(test.written()[0]!.path);
    expect([...(await sharp(first).raw().toBuffer())]).toEqual([255, 0, 0, 0, 255, 0]);
  });
});
