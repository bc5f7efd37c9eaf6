// weft-robust against the attacks on a small fixed set (the full
// table is bench/watermark.ts). Attacks use sharp (libvips, mozjpeg) here
// only; the library itself stays pure.

import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RgbImage } from './image.ts';
import { bitsFromBitString, SDXL_WATERMARK_BITS } from './payload.ts';
import { embedRobust } from './robust.ts';
import { detectRobust } from './robustDetect.ts';
import { psnr } from './statistics.ts';
import { syntheticImage, type SyntheticKind } from './syntheticImages.ts';

async function throughSharp(image: RgbImage, step: (pipeline: Sharp) => Sharp): Promise<RgbImage> {
  const input = sharp(Buffer.from(image.data), {
    raw: { width: image.width, height: image.height, channels: 3 },
  });
  const { data, info } = await step(input)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

/** A real JPEG round trip (encode to a file's bytes, decode them); sharp's default 4:2:0 chroma. */
async function jpeg(image: RgbImage, quality: number): Promise<RgbImage> {
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  const encoded = await sharp(Buffer.from(image.data), { raw }).jpeg({ quality }).toBuffer();
  const { data, info } = await sharp(encoded)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function resize(image: RgbImage, factor: number): Promise<RgbImage> {
  return throughSharp(image, (pipeline) =>
    pipeline.resize(Math.round(image.width * factor), Math.round(image.height * factor), {
      fit: 'fill',
    }),
  );
}

/** Keeps the central 90 % of each side. */
function crop(image: RgbImage, removed: number): Promise<RgbImage> {
  const width = Math.round(image.width * (1 - removed));
  const height = Math.round(image.height * (1 - removed));
  const left = Math.floor((image.width - width) / 2);
  const top = Math.floor((image.height - height) / 2);
  return throughSharp(image, (pipeline) => pipeline.extract({ left, top, width, height }));
}

function pointwise(image: RgbImage, map: (value: number) => number): RgbImage {
  const data = image.data.map((value) => Math.max(0, Math.min(255, Math.round(map(value)))));
  return { ...image, data };
}

const attacks: [string, number, (image: RgbImage) => Promise<RgbImage>][] = [
  ['JPEG 50', 0.98, (image) => jpeg(image, 50)],
  ['resize 0.5×', 0.95, (image) => resize(image, 0.5)],
  ['crop 10 %', 0.95, (image) => crop(image, 0.1)],
  ['brightness +10 %', 0.95, (image) => Promise.resolve(pointwise(image, (value) => value * 1.1))],
  ['brightness −10 %', 0.95, (image) => Promise.resolve(pointwise(image, (value) => value * 0.9))],
  [
    'contrast +10 %',
    0.95,
    (image) => Promise.resolve(pointwise(image, (value) => (value - 128) * 1.1 + 128)),
  ],
  [
    'contrast −10 %',
    0.95,
    (image) => Promise.resolve(pointwise(image, (value) => (value - 128) * 0.9 + 128)),
  ],
  ['JPEG 75 + resize 0.75×', 0.95, async (image) => resize(await jpeg(image, 75), 0.75)],
];

const set: [SyntheticKind, number, number, number][] = [
  ['shapes', 1, 512, 384],
  ['clouds', 2, 384, 384],
  ['terrain', 3, 512, 512],
  ['foliage', 4, 384, 288],
];

describe('weft-robust', () => {
  const payload = bitsFromBitString(SDXL_WATERMARK_BITS);
  const originals = set.map(([kind, seed, width, height]) =>
    syntheticImage(kind, seed, width, height),
  );
  const marked = originals.map((image) => embedRobust(image, payload));

  it('marks at ≥ 40 dB PSNR and reads back every bit of a clean mark', () => {
    marked.forEach((image, index) => {
      expect(psnr(originals[index]?.data ?? new Uint8Array(), image.data)).toBeGreaterThanOrEqual(
        40,
      );
      const detection = detectRobust(image, payload.length, { expected: payload });
      expect(detection.bits).toEqual(payload);
      expect(detection.detected).toBe(true);
      expect(detection.syncPValue).toBeLessThan(1e-6);
    });
  });

  for (const [name, goal, attack] of attacks) {
    it(`reads ≥ ${goal} of the bits after ${name}, and detects every image`, async () => {
      let accuracy = 0;
      for (const image of marked) {
        const detection = detectRobust(await attack(image), payload.length, { expected: payload });
        expect(detection.detected).toBe(true);
        accuracy += (detection.bitAccuracy ?? 0) / marked.length;
      }
      expect(accuracy).toBeGreaterThanOrEqual(goal);
    });
  }

  it('finds the crop it was given', async () => {
    const detection = detectRobust(await crop(marked[0] ?? originals[0]!, 0.1), payload.length);
    expect(Math.abs(detection.alignment.fractionX - 0.9)).toBeLessThanOrEqual(0.011);
    expect(Math.abs(detection.alignment.fractionY - 0.9)).toBeLessThanOrEqual(0.011);
  });

  it('reports nothing in 200 unmarked images (false positives ≤ 1e-4 by construction, 0 seen)', () => {
    const kinds: SyntheticKind[] = ['shapes', 'clouds', 'terrain', 'foliage'];
    let falsePositives = 0;
    let smallestSyncP = 1;
    for (let seed = 0; seed < 200; seed++) {
      const image = syntheticImage(kinds[seed % 4] ?? 'shapes', 1000 + seed, 128, 96);
      const detection = detectRobust(image, payload.length, { expected: payload });
      if (detection.detected || detection.syncPValue <= 1e-6) falsePositives++;
      smallestSyncP = Math.min(smallestSyncP, detection.syncPValue);
    }
    expect(falsePositives).toBe(0);
    expect(smallestSyncP).toBeGreaterThan(1e-4);
  });

  it('reads nothing with the wrong key', () => {
    const detection = detectRobust(marked[1] ?? originals[1]!, payload.length, {
      expected: payload,
      key: 'other',
    });
    expect(detection.detected).toBe(false);
  });
});
