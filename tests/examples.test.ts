/**
 * Golden runs: every graph in graphs/ runs headless through the CLI and its
 * outputs are checked (sizes, known pixels, the embedded graph).
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readPngText } from '../engine/common/media/pngText.ts';
import { GRAPH_TEXT_KEY } from '../engine/common/graph/provenance.ts';
import { ITEMS, datasetImage, itemIndex } from '../resources/fixture-models/toySd/dataset.ts';
import { REPO, weft, withTempDir } from './support/cli.ts';

interface Expectation {
  files: {
    name: RegExp;
    width: number;
    height: number;
    pixels: { x: number; y: number; rgb: [number, number, number] }[];
    /** Further checks on the decoded RGB bytes. */
    check?: (rgb: Uint8Array, width: number) => Promise<void> | void;
    /** PNG text chunks the file must carry (beside the graph). */
    text?: Record<string, string>;
  }[];
}

const at = (rgb: Uint8Array, width: number, x: number, y: number) =>
  Array.from(rgb.subarray((y * width + x) * 3, (y * width + x) * 3 + 3));

/** A toy dataset image (resources/fixture-models/toySd) as 8-bit RGB, rows of pixels. */
function datasetRgb(index: number): Uint8Array {
  const chw = datasetImage(ITEMS[index]!);
  const plane = 64 * 64;
  const rgb = new Uint8Array(plane * 3);
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < 3; c++) rgb[p * 3 + c] = Math.round(((chw[c * plane + p]! + 1) / 2) * 255);
  return rgb;
}

/** Mean absolute difference, in 8-bit levels. */
function meanError(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** A generated 64 × 64 image that is toy item `index` up to rounding. */
function toyImage(name: RegExp, index: number, centre: [number, number, number]) {
  return {
    name,
    width: 64,
    height: 64,
    pixels: [
      { x: 32, y: 32, rgb: centre },
      { x: 2, y: 2, rgb: [240, 237, 227] as [number, number, number] }, // the toy's light background
    ],
    check: (rgb: Uint8Array) => expect(meanError(rgb, datasetRgb(index))).toBeLessThan(1),
  };
}

const RED: [number, number, number] = [217, 38, 33];
const GREEN: [number, number, number] = [41, 166, 61];
const BLUE: [number, number, number] = [38, 77, 209];

const EXPECTED: Record<string, Expectation> = {
  'txt2img.weft.json': {
    files: [
      {
        ...toyImage(/^txt2img_00001\.png$/, itemIndex('red', 'circle'), RED),
        check: (rgb) => {
          // "a red circle": red-dominant on average, and the toy's red circle up to rounding.
          const mean = [0, 1, 2].map(
            (channel) =>
              rgb
                .filter((_, index) => index % 3 === channel)
                .reduce((sum, value) => sum + value, 0) / 4096,
          );
          expect(mean[0]! - Math.max(mean[1]!, mean[2]!)).toBeGreaterThan(50);
          expect(meanError(rgb, datasetRgb(itemIndex('red', 'circle')))).toBeLessThan(1);
        },
      },
    ],
  },
  // SDXL on the toy SDXL pipeline: "a red circle" for seeds 1 and 2, each file carrying its seed.
  'sdxl-txt2img.weft.json': {
    files: [
      {
        ...toyImage(/^sdxl_00001\.png$/, itemIndex('red', 'circle'), RED),
        text: { 'weft:seed': '1' },
      },
      {
        ...toyImage(/^sdxl_00002\.png$/, itemIndex('red', 'circle'), RED),
        text: { 'weft:seed': '2' },
      },
    ],
  },
  // The hand-drawn square (white ground, another blue) comes back as the toy's blue square.
  'img2img.weft.json': {
    files: [toyImage(/^img2img_00001\.png$/, itemIndex('blue', 'square'), BLUE)],
  },
  // "a green" and the disc's Canny outline: the green circle.
  'controlnet-canny.weft.json': {
    files: [toyImage(/^controlnet-canny_00001\.png$/, itemIndex('green', 'circle'), GREEN)],
  },
  // "a circle" with seeds 10–13: the colour follows the seed.
  'seed-sweep.weft.json': {
    files: [
      toyImage(/^sweep_00001\.png$/, itemIndex('blue', 'circle'), BLUE),
      toyImage(/^sweep_00002\.png$/, itemIndex('green', 'circle'), GREEN),
      toyImage(/^sweep_00003\.png$/, itemIndex('blue', 'circle'), BLUE),
      toyImage(/^sweep_00004\.png$/, itemIndex('blue', 'circle'), BLUE),
    ],
  },
  'poster.weft.json': {
    files: [
      {
        name: /^poster-(dawn|dusk|noon)_00001\.png$/,
        width: 560,
        height: 688,
        pixels: [
          { x: 2, y: 2, rgb: [0xf4, 0xf1, 0xde] }, // the frame
          { x: 30, y: 24, rgb: [0x1d, 0x2b, 0x53] }, // the gradient's first row is exactly "from"
          { x: 30, y: 663, rgb: [0xff, 0x77, 0xa8] }, // …and its last row exactly "to"
          { x: 24 + 128 + 20, y: 24 + 192 + 60, rgb: [232, 170, 66] }, // a weft thread of the mark, through its alpha
          { x: 24 + 128 + 1, y: 24 + 192 + 1, rgb: [97, 66, 109] }, // a transparent corner of the mark shows the gradient (row 193 of 639)
        ],
      },
    ],
  },
  'depth-map.weft.json': {
    files: [
      {
        name: /^depth_00001\.png$/,
        width: 960,
        height: 320,
        pixels: [],
        check: async (rgb, width) => {
          // Left: the photo itself.
          const photo = await sharp(join(REPO, 'graphs/assets/landscape.jpg')).raw().toBuffer();
          for (const [x, y] of [
            [10, 10],
            [240, 300],
            [345, 95],
          ] as const)
            expect(at(rgb, width, x, y)).toEqual(at(photo, 480, x, y));
          // Right: a grey depth map from the toy MiDaS model (inverse depth = luminance + row/255, min-max):
          // lower in the frame is nearer, so brighter.
          const top = at(rgb, width, 480 + 40, 10);
          const bottom = at(rgb, width, 480 + 40, 310);
          expect(top[0]).toBe(top[1]);
          expect(top[1]).toBe(top[2]);
          expect(bottom[0]!).toBeGreaterThan(top[0]! + 100);
        },
      },
    ],
  },
  'contact-sheet.weft.json': {
    files: [
      {
        name: /^sheet-hills-(warm|cool|soft)_00001\.png$/,
        width: 800,
        height: 300,
        pixels: [
          { x: 5, y: 5, rgb: [0xf4, 0xf1, 0xde] },
          { x: 30, y: 40, rgb: [0x20, 0x24, 0x2c] },
        ],
      },
      {
        name: /^sheet-hills-(warm|cool|soft)_00001\.jpg$/,
        width: 800,
        height: 300,
        pixels: [{ x: 5, y: 5, rgb: [0xf4, 0xf1, 0xde] }],
      },
    ],
  },
};

const examples = readdirSync(join(REPO, 'graphs')).filter((name) => name.endsWith('.weft.json'));

describe('examples', () => {
  it('every example in graphs/ has expectations here', () => {
    expect(examples.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const example of examples) {
    it(`${example} runs and writes the expected images`, async () => {
      await withTempDir(async (dir) => {
        const out = join(dir, 'out');
        const result = await weft(['run', join('graphs', example), '--out', out, '--json'], {
          home: dir,
        });
        expect(result.code, result.stderr).toBe(0);
        const summary = JSON.parse(result.stdout) as {
          status: string;
          files: string[];
          record: string;
        };
        expect(summary.status).toBe('done');
        const expected = EXPECTED[example]!;
        expect(summary.files).toHaveLength(expected.files.length);
        for (const file of expected.files) {
          const path = summary.files.find((candidate) =>
            file.name.test(candidate.slice(out.length + 1)),
          );
          if (!path)
            throw new Error(
              `${example} wrote no file named like ${String(file.name)}: ${summary.files.join(', ')}`,
            );
          const { data, info } = await sharp(path)
            .removeAlpha()
            .raw()
            .toBuffer({ resolveWithObject: true });
          expect([info.width, info.height]).toEqual([file.width, file.height]);
          for (const pixel of file.pixels) {
            const at = (pixel.y * info.width + pixel.x) * 3;
            const tolerance = path.endsWith('.jpg') ? 6 : 1;
            for (let c = 0; c < 3; c++)
              expect(
                Math.abs(data[at + c]! - pixel.rgb[c]!),
                `${path} (${pixel.x},${pixel.y})`,
              ).toBeLessThanOrEqual(tolerance);
          }
          await file.check?.(data, info.width);
          if (path.endsWith('.png')) {
            const text = readPngText(await readFile(path));
            if (file.text) expect(text).toMatchObject(file.text);
            const embedded = JSON.parse(text[GRAPH_TEXT_KEY]!) as {
              nodes: object;
            };
            const original = JSON.parse(await readFile(join(REPO, 'graphs', example), 'utf8')) as {
              nodes: object;
            };
            expect(Object.keys(embedded.nodes).sort()).toEqual(Object.keys(original.nodes).sort());
          }
        }
      });
    });
  }

  it('the image examples take their knobs as named inputs: prompt="a blue square" seed=3', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'out');
      const result = await weft(
        [
          'run',
          'graphs/txt2img.weft.json',
          'prompt=a blue square',
          'seed=3',
          'steps=12',
          'cfg=6',
          '--out',
          out,
          '--json',
        ],
        { home: dir },
      );
      expect(result.code, result.stderr).toBe(0);
      const { files } = JSON.parse(result.stdout) as { files: string[] };
      const rgb = await sharp(files[0]).removeAlpha().raw().toBuffer();
      expect(meanError(rgb, datasetRgb(itemIndex('blue', 'square')))).toBeLessThan(1);
      // The PNG records the graph as run, the seed included.
      const embedded = JSON.parse(readPngText(await readFile(files[0]!))[GRAPH_TEXT_KEY]!) as {
        nodes: Record<string, { params?: Record<string, unknown> }>;
      };
      expect(embedded.nodes.sampler?.params).toMatchObject({ seed: 3, steps: 12, cfg: 6 });
      expect(embedded.nodes.positive?.params).toMatchObject({ prompt: 'a blue square' });
    });
  });

  it('the SDXL example takes the same named inputs: prompt="a green triangle" seed=5', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'out');
      const result = await weft(
        [
          'run',
          'graphs/sdxl-txt2img.weft.json',
          'prompt=a green triangle',
          'negative=a red circle',
          'seed=5',
          'steps=15',
          'cfg=5',
          '--out',
          out,
          '--json',
        ],
        { home: dir },
      );
      expect(result.code, result.stderr).toBe(0);
      const { files } = JSON.parse(result.stdout) as { files: string[] };
      expect(files).toHaveLength(2);
      for (const [index, file] of files.entries()) {
        const rgb = await sharp(file).removeAlpha().raw().toBuffer();
        expect(meanError(rgb, datasetRgb(itemIndex('green', 'triangle')))).toBeLessThan(1);
        expect(readPngText(await readFile(file))['weft:seed']).toBe(String(5 + index));
      }
    });
  });
});
