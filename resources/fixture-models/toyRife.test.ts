import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { RifeChannels } from './toyRife.ts';
import { readModelMetadata } from './onnx/metadata.ts';
import { buildToyRife } from './toyRife.ts';

const HEIGHT = 5;
const WIDTH = 7;
const PLANE = HEIGHT * WIDTH;

/** Two frames with distinct, non-trivial values in every channel. */
function frames(): { first: Float32Array; second: Float32Array } {
  const first = Float32Array.from({ length: 3 * PLANE }, (_, i) => ((i * 37) % 101) / 100);
  const second = Float32Array.from({ length: 3 * PLANE }, (_, i) => ((i * 53 + 11) % 97) / 96);
  return { first, second };
}

/** The vs-mlrt input: img0, img1, a timestep plane and, for 11 channels, the grid planes. */
function rifeInput(channels: RifeChannels, timestep: number): ort.Tensor {
  const { first, second } = frames();
  const data = new Float32Array(channels * PLANE);
  data.set(first, 0);
  data.set(second, 3 * PLANE);
  data.fill(timestep, 6 * PLANE, 7 * PLANE);
  if (channels === 11)
    for (let i = 0; i < PLANE; i++) {
      data[7 * PLANE + i] = ((i % WIDTH) * 2) / (WIDTH - 1) - 1;
      data[8 * PLANE + i] = (Math.floor(i / WIDTH) * 2) / (HEIGHT - 1) - 1;
      data[9 * PLANE + i] = 2 / (WIDTH - 1);
      data[10 * PLANE + i] = 2 / (HEIGHT - 1);
    }
  return new ort.Tensor('float32', data, [1, channels, HEIGHT, WIDTH]);
}

const sessions = {
  7: await ort.InferenceSession.create(buildToyRife(7)),
  11: await ort.InferenceSession.create(buildToyRife(11)),
};

for (const channels of [7, 11] as const) {
  describe(`toy RIFE, ${channels}-channel vs-mlrt form`, () => {
    const session = sessions[channels];
    const interpolate = async (timestep: number) => {
      const result = await session.run({ input: rifeInput(channels, timestep) });
      expect(result.output!.dims).toEqual([1, 3, HEIGHT, WIDTH]);
      return Array.from(result.output!.data as Float32Array);
    };

    it('declares input [1,C,height,width] → output [1,3,height,width], float32', () => {
      expect(session.inputNames).toEqual(['input']);
      expect(session.outputNames).toEqual(['output']);
      const input = session.inputMetadata[0]!;
      expect(input.isTensor && input.shape).toEqual([1, channels, 'height', 'width']);
      expect(input.isTensor && input.type).toBe('float32');
    });

    it('says in its metadata that it blends rather than warps', async () => {
      const metadata = await readModelMetadata(buildToyRife(channels));
      expect(metadata['weft.fixture']).toBe(channels === 7 ? 'toy-rife' : 'toy-rife-11ch');
      expect(metadata['weft.computes']).toMatch(/^a linear blend \(1 − t\)·img0 \+ t·img1/);
      expect(metadata['weft.contract']).toContain(`input [1,${channels},H,W]`);
    });

    it('returns img0 at t = 0 and img1 at t = 1, exactly', async () => {
      const { first, second } = frames();
      expect(await interpolate(0)).toEqual(Array.from(first));
      expect(await interpolate(1)).toEqual(Array.from(second));
    });

    it('returns the exact float32 blend 0.75·img0 + 0.25·img1 at t = 0.25', async () => {
      const { first, second } = frames();
      const expected = Array.from(first, (a, i) =>
        Math.fround(Math.fround(0.75 * a) + Math.fround(0.25 * second[i]!)),
      );
      expect(await interpolate(0.25)).toEqual(expected);
    });
  });
}
