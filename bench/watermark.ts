// The invisible-watermark attack table (issue 14): for dwtDct (the
// invisible-watermark library's method) and weft-robust, bit accuracy and
// detection rate after each attack on 20 synthetic images (5 seeds × 4
// kinds, 512×384), PSNR/SSIM of the marks, false positives on 1,000
// unmarked images, and embed/detect time per megapixel. Prints a table;
// writes nothing. Run: npm run bench:watermark [-- --unmarked N]
//
// Detection counts when the payload's binomial p-value is ≤ 1e-6 (both
// methods, expected payload given); weft-robust's blind detector (sync
// p-value, no expected payload) is reported beside it.

import sharp, { type Sharp } from 'sharp';
import { detectDwtDct, embedDwtDct } from '../nodes/watermark/lib/dwtDct.ts';
import type { RgbImage } from '../nodes/watermark/lib/image.ts';
import { bitsFromBitString, SDXL_WATERMARK_BITS } from '../nodes/watermark/lib/payload.ts';
import { lumaPlane } from '../nodes/watermark/lib/planes.ts';
import { embedRobust } from '../nodes/watermark/lib/robust.ts';
import { DEFAULT_ROBUST_THRESHOLD, detectRobust } from '../nodes/watermark/lib/robustDetect.ts';
import { binomialTail, psnr } from '../nodes/watermark/lib/statistics.ts';
import { SYNTHETIC_KINDS, syntheticImage } from '../nodes/watermark/lib/syntheticImages.ts';

const unmarkedArgument = process.argv.indexOf('--unmarked');
const UNMARKED = unmarkedArgument > 0 ? Number(process.argv[unmarkedArgument + 1]) : 1000;
const payload = bitsFromBitString(SDXL_WATERMARK_BITS);

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
const jpeg = (quality: number) => async (image: RgbImage) => {
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  const encoded = await sharp(Buffer.from(image.data), { raw }).jpeg({ quality }).toBuffer();
  const { data, info } = await sharp(encoded)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) } as RgbImage;
};
const resize = (factor: number) => (image: RgbImage) =>
  throughSharp(image, (p) =>
    p.resize(Math.round(image.width * factor), Math.round(image.height * factor), { fit: 'fill' }),
  );
const crop = (removed: number) => (image: RgbImage) => {
  const width = Math.round(image.width * (1 - removed));
  const height = Math.round(image.height * (1 - removed));
  const left = Math.floor((image.width - width) / 2);
  const top = Math.floor((image.height - height) / 2);
  return throughSharp(image, (p) => p.extract({ left, top, width, height }));
};
const pointwise = (map: (value: number) => number) => (image: RgbImage) =>
  Promise.resolve({
    ...image,
    data: image.data.map((value) => Math.max(0, Math.min(255, Math.round(map(value))))),
  });
const rotate = (degrees: number) => (image: RgbImage) =>
  throughSharp(image, (p) => p.rotate(degrees, { background: { r: 0, g: 0, b: 0 } }));
const chain =
  (...steps: ((image: RgbImage) => Promise<RgbImage>)[]) =>
  async (image: RgbImage) => {
    let current = image;
    for (const step of steps) current = await step(current);
    return current;
  };

const attacks: [string, (image: RgbImage) => Promise<RgbImage>][] = [
  ['none', (image) => Promise.resolve(image)],
  ['JPEG 90', jpeg(90)],
  ['JPEG 75', jpeg(75)],
  ['JPEG 50', jpeg(50)],
  ['resize 0.75×', resize(0.75)],
  ['resize 0.5×', resize(0.5)],
  ['crop 10 %', crop(0.1)],
  ['crop 20 %', crop(0.2)],
  ['brightness +10 %', pointwise((value) => value * 1.1)],
  ['brightness −10 %', pointwise((value) => value * 0.9)],
  ['contrast +10 %', pointwise((value) => (value - 128) * 1.1 + 128)],
  ['contrast −10 %', pointwise((value) => (value - 128) * 0.9 + 128)],
  ['rotation 2°', rotate(2)],
  ['JPEG 75 + resize 0.75×', chain(jpeg(75), resize(0.75))],
  ['JPEG 50 + crop 10 %', chain(jpeg(50), crop(0.1))],
];

interface Method {
  name: string;
  embed: (image: RgbImage) => RgbImage;
  /** Bit accuracy, detected (expected payload), blind detection. */
  detect: (image: RgbImage) => { accuracy: number; detected: boolean; blind?: boolean };
}

function agreement(bits: readonly number[]): number {
  return bits.reduce((count, bit, index) => count + (bit === payload[index] ? 1 : 0), 0);
}

const methods: Method[] = [
  {
    name: 'dwtDct',
    embed: (image) => embedDwtDct(image, payload),
    detect: (image) => {
      if (image.width * image.height < 256 * 256) return { accuracy: NaN, detected: false };
      const agreeing = agreement(detectDwtDct(image, payload.length).bits);
      return {
        accuracy: agreeing / payload.length,
        detected: binomialTail(agreeing, payload.length) <= DEFAULT_ROBUST_THRESHOLD,
      };
    },
  },
  {
    name: 'weft-robust',
    embed: (image) => embedRobust(image, payload),
    detect: (image) => {
      const detection = detectRobust(image, payload.length, { expected: payload });
      return {
        accuracy: detection.bitAccuracy ?? 0,
        detected: detection.detected,
        blind: detection.syncPValue <= DEFAULT_ROBUST_THRESHOLD,
      };
    },
  },
];

/** Mean SSIM of the luma over 8×8 windows (step 4), constants of Wang et al. 2004. */
function ssim(first: RgbImage, second: RgbImage): number {
  const a = lumaPlane(first);
  const b = lumaPlane(second);
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let total = 0;
  let windows = 0;
  for (let top = 0; top + 8 <= first.height; top += 4) {
    for (let left = 0; left + 8 <= first.width; left += 4) {
      let sa = 0,
        sb = 0,
        saa = 0,
        sbb = 0,
        sab = 0;
      for (let y = top; y < top + 8; y++) {
        for (let x = left; x < left + 8; x++) {
          const va = a[y * first.width + x] ?? 0;
          const vb = b[y * first.width + x] ?? 0;
          sa += va;
          sb += vb;
          saa += va * va;
          sbb += vb * vb;
          sab += va * vb;
        }
      }
      const ma = sa / 64,
        mb = sb / 64;
      const va = saa / 64 - ma * ma,
        vb = sbb / 64 - mb * mb,
        cov = sab / 64 - ma * mb;
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      windows++;
    }
  }
  return total / windows;
}

const images = [0, 1, 2, 3, 4].flatMap((seed) =>
  SYNTHETIC_KINDS.map((kind) => syntheticImage(kind, seed, 512, 384)),
);
const megapixels = (512 * 384) / 1e6;
const rows: string[][] = [];
const quality: string[] = [];
for (const method of methods) {
  let embedMs = 0;
  let detectMs = 0;
  let psnrSum = 0;
  let ssimSum = 0;
  const marked = images.map((image) => {
    const start = performance.now();
    const result = method.embed(image);
    embedMs += performance.now() - start;
    psnrSum += psnr(image.data, result.data);
    ssimSum += ssim(image, result);
    return result;
  });
  for (const [name, attack] of attacks) {
    let accuracy = 0,
      detected = 0,
      blind = 0,
      counted = 0;
    for (const image of marked) {
      const attacked = await attack(image);
      const start = performance.now();
      const result = method.detect(attacked);
      if (name === 'none') detectMs += performance.now() - start;
      if (!Number.isNaN(result.accuracy)) {
        accuracy += result.accuracy;
        counted++;
      }
      if (result.detected) detected++;
      if (result.blind) blind++;
    }
    rows.push([
      method.name,
      name,
      counted ? (accuracy / counted).toFixed(3) : 'n/a',
      (detected / marked.length).toFixed(2),
      method.name === 'weft-robust' ? (blind / marked.length).toFixed(2) : '',
    ]);
  }
  let falsePositives = 0;
  let blindFalsePositives = 0;
  for (let seed = 0; seed < UNMARKED; seed++) {
    const kind = SYNTHETIC_KINDS[seed % SYNTHETIC_KINDS.length] ?? 'shapes';
    const image = syntheticImage(kind, 100000 + seed, 256, 256);
    const result = method.detect(image);
    if (result.detected) falsePositives++;
    if (result.blind) blindFalsePositives++;
  }
  quality.push(
    `${method.name}: PSNR ${(psnrSum / images.length).toFixed(2)} dB, SSIM ${(ssimSum / images.length).toFixed(4)}, ` +
      `false positives ${falsePositives}/${UNMARKED}` +
      (method.name === 'weft-robust' ? ` (blind ${blindFalsePositives}/${UNMARKED})` : '') +
      `, embed ${(embedMs / images.length / megapixels).toFixed(0)} ms/MP, detect ${(detectMs / images.length / megapixels).toFixed(0)} ms/MP`,
  );
}
console.log(
  `${images.length} images 512×384 (${SYNTHETIC_KINDS.join(', ')}), payload ${payload.length} bits (SDXL's)`,
);
console.log('| method | attack | bit accuracy | detected (p ≤ 1e-6) | blind detected |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
for (const line of quality) console.log(line);
