import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readModelMetadata } from './onnx/metadata.ts';
import { TOY_DEPTH_MEAN, TOY_DEPTH_STD, buildToyDepth } from './toyDepth.ts';

const SIZE = 256;
const PLANE = SIZE * SIZE;
const session = await ort.InferenceSession.create(buildToyDepth());

/** Normalises an RGB image in [0, 1] (planar, [3, H, W]) as MiDaS small expects. */
function normalise(rgb: (channel: number, y: number, x: number) => number): ort.Tensor {
  const data = new Float32Array(3 * PLANE);
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < SIZE; y++)
      for (let x = 0; x < SIZE; x++)
        data[c * PLANE + y * SIZE + x] = (rgb(c, y, x) - TOY_DEPTH_MEAN[c]!) / TOY_DEPTH_STD[c]!;
  return new ort.Tensor('float32', data, [1, 3, SIZE, SIZE]);
}

async function depth(rgb: (channel: number, y: number, x: number) => number) {
  const result = await session.run({ input: normalise(rgb) });
  expect(result.output!.dims).toEqual([1, SIZE, SIZE]);
  const values = result.output!.data as Float32Array;
  return (y: number, x: number) => values[y * SIZE + x]!;
}

describe('toy depth (MiDaS small contract)', () => {
  it('declares input [1,3,256,256] → output [1,256,256], float32, with its normalisation in metadata', async () => {
    expect(session.inputNames).toEqual(['input']);
    expect(session.outputNames).toEqual(['output']);
    const input = session.inputMetadata[0]!;
    expect(input.isTensor && input.shape).toEqual([1, 3, 256, 256]);
    const output = session.outputMetadata[0]!;
    expect(output.isTensor && output.shape).toEqual([1, 256, 256]);
    expect(await readModelMetadata(buildToyDepth())).toMatchObject({
      'weft.fixture': 'toy-depth',
      image_mean: '0.485,0.456,0.406',
      image_std: '0.229,0.224,0.225',
      input_size: '256,256',
    });
  });

  it('computes luminance + row/255 of the un-normalised image', async () => {
    const pixel = (c: number, y: number, x: number) => ((c * 31 + y * 7 + x * 13) % 256) / 255;
    const at = await depth(pixel);
    for (const [y, x] of [
      [0, 0],
      [17, 200],
      [128, 5],
      [255, 255],
    ] as const) {
      const luminance = 0.299 * pixel(0, y, x) + 0.587 * pixel(1, y, x) + 0.114 * pixel(2, y, x);
      expect(at(y, x)).toBeCloseTo(luminance + y / 255, 5);
    }
  });

  it('puts lower rows nearer: on a flat grey image inverse depth rises strictly down each column', async () => {
    const at = await depth(() => 0.5);
    for (let y = 1; y < SIZE; y++) expect(at(y, 100)).toBeGreaterThan(at(y - 1, 100));
    expect(at(0, 0)).toBeCloseTo(0.5, 5);
    expect(at(255, 0)).toBeCloseTo(1.5, 5);
    expect(at(40, 0)).toBe(at(40, 255));
  });

  it('puts brighter pixels nearer: a white square on black stands out of its row', async () => {
    const inSquare = (y: number, x: number) => y >= 96 && y < 160 && x >= 96 && x < 160;
    const at = await depth((_, y, x) => (inSquare(y, x) ? 1 : 0));
    expect(at(128, 128) - at(128, 20)).toBeCloseTo(1, 5);
    expect(at(128, 128)).toBeGreaterThan(at(250, 20));
  });
});
