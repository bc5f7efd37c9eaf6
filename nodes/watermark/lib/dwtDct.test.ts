// Known answers from reference/dwtdct_reference.py (the invisible-watermark
// library's algorithm run with OpenCV 4.6 and pywt 1.1): Weft's marked bytes
// equal the library's, and the library's marked files decode in Weft.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectDwtDct, embedDwtDct, pythonFloorDivide } from './dwtDct.ts';
import type { RgbImage } from './image.ts';
import { bitsFromBitString, SDXL_WATERMARK_BITS } from './payload.ts';
import { gradientImage, patternImage } from './reference/referenceImages.ts';

interface ReferenceCase {
  name: string;
  width: number;
  height: number;
  inputSha256: string;
  markedSha256: string;
  markedSamples: number[][];
  decodedBits: string;
  decodedScores: number[];
  unmarkedBits: string;
}

const referenceFolder = fileURLToPath(new URL('./reference/', import.meta.url));
const reference = JSON.parse(readFileSync(`${referenceFolder}dwtdct-reference.json`, 'utf8')) as {
  payload: string;
  cases: ReferenceCase[];
};

async function readPng(file: string): Promise<RgbImage> {
  const { data, info } = await sharp(`${referenceFolder}${file}`)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

async function inputOf(entry: ReferenceCase): Promise<RgbImage> {
  if (entry.name === 'pattern') return patternImage(entry.width, entry.height);
  if (entry.name === 'gradient') return gradientImage(entry.width, entry.height);
  return readPng(`dwtdct-${entry.name}-input.png`);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('dwtDct (invisible-watermark interoperable)', () => {
  const payload = bitsFromBitString(SDXL_WATERMARK_BITS);

  it('uses the SDXL payload of the reference', () => {
    expect(reference.payload).toBe(SDXL_WATERMARK_BITS);
  });

  for (const entry of reference.cases) {
    it(`marks ${entry.name} (${entry.width}×${entry.height}) byte for byte as the library`, async () => {
      const input = await inputOf(entry);
      expect(sha256(input.data)).toBe(entry.inputSha256);
      const marked = embedDwtDct(input, payload);
      for (const [x, y, red, green, blue] of entry.markedSamples) {
        const at = ((y ?? 0) * entry.width + (x ?? 0)) * 3;
        expect([marked.data[at], marked.data[at + 1], marked.data[at + 2]]).toEqual([
          red,
          green,
          blue,
        ]);
      }
      expect(sha256(marked.data)).toBe(entry.markedSha256);
    });

    it(`reads the library's marked ${entry.name} as the library does`, async () => {
      const marked = await readPng(`dwtdct-${entry.name}-marked.png`);
      expect(sha256(marked.data)).toBe(entry.markedSha256);
      const detection = detectDwtDct(marked, payload.length);
      expect(detection.bits.join('')).toBe(entry.decodedBits);
      expect(detection.scores).toEqual(entry.decodedScores);
      const unmarked = detectDwtDct(await inputOf(entry), payload.length);
      expect(unmarked.bits.join('')).toBe(entry.unmarkedBits);
    });
  }

  it("floors like numpy's floor_divide", () => {
    // 1 / 0.1 rounds to 10; the fmod-based floor is 9, as Python says.
    expect(pythonFloorDivide(1, 0.1)).toBe(9);
    expect(pythonFloorDivide(71.99999999999999, 36)).toBe(1);
    expect(pythonFloorDivide(72, 36)).toBe(2);
    expect(pythonFloorDivide(-1, 36)).toBe(-1);
    expect(pythonFloorDivide(0, 36)).toBe(0);
  });

  it('refuses images under 256×256 pixels and bad bits', () => {
    const small = { width: 200, height: 200, data: new Uint8Array(200 * 200 * 3) };
    expect(() => embedDwtDct(small, payload)).toThrow(/at least 256×256/);
    expect(() => embedDwtDct(patternImage(256, 256), [0, 2])).toThrow(/0 or 1/);
  });
});
