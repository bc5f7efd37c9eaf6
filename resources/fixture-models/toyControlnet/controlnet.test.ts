import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_RESIDUALS } from '../toySd/controlResiduals.ts';
import { ITEMS, SHAPES, datasetImage, itemIndex } from '../toySd/dataset.ts';
import { guide, sampleLatents } from '../toySd/testSampler.ts';
import type { TempFolder } from '../toySd/testing.ts';
import { nearestItem, openSession, promptIds, stack, tempFolder } from '../toySd/testing.ts';
import { TOY_SD_FOLDER, writeToySd } from '../toySd/write.ts';
import { sobelMagnitude } from './edgeMaps.ts';
import { TOY_CONTROLNET_FOLDER, writeToyControlnet } from './write.ts';

const PLANE = 64 * 64;

/** A Canny-like control image of a dataset item: binary Sobel edges of its grey level, stacked to RGB in [0, 1]. */
function edgeControl(index: number): Float32Array {
  const image = datasetImage(ITEMS[index]!);
  const grey = Float64Array.from(
    { length: PLANE },
    (_, p) => ((image[p]! + image[PLANE + p]! + image[2 * PLANE + p]!) / 3 + 1) / 2,
  );
  const magnitude = sobelMagnitude(grey);
  const threshold = 0.25 * Math.max(...magnitude);
  const edges = Float32Array.from(magnitude, (value) => (value > threshold ? 1 : 0));
  return stack([edges, edges, edges]);
}

describe('toy ControlNet', () => {
  let folder: TempFolder;
  let controlnet: ort.InferenceSession;

  async function residuals(controls: Float32Array[], scale = 1) {
    const batch = controls.length;
    const result = await controlnet.run({
      sample: new ort.Tensor('float32', new Float32Array(batch * 256), [batch, 4, 8, 8]),
      timestep: new ort.Tensor('float32', Float32Array.of(501), [1]),
      encoder_hidden_states: new ort.Tensor('float32', new Float32Array(batch * 77 * 768), [
        batch,
        77,
        768,
      ]),
      controlnet_cond: new ort.Tensor('float32', stack(controls), [batch, 3, 64, 64]),
      conditioning_scale: new ort.Tensor('float64', Float64Array.of(scale), [1]),
    });
    return result;
  }

  /** The nine item scores of batch row `row`. */
  function itemScores(result: ort.InferenceSession.OnnxValueMapType, row = 0): number[] {
    const mid = result.mid_block_additional_residual!.data as Float32Array;
    return Array.from(mid.subarray(row * 1280, row * 1280 + ITEMS.length));
  }

  beforeAll(async () => {
    folder = await tempFolder();
    await writeToySd(folder.path);
    await writeToyControlnet(folder.path);
    controlnet = await openSession(join(folder.path, TOY_CONTROLNET_FOLDER, 'model.onnx'));
  });
  afterAll(() => folder.remove());

  it('takes OnnxStack’s inputs and gives SD 1.5’s thirteen residuals at 8×8 latents', async () => {
    expect(controlnet.inputNames).toEqual([
      'sample',
      'timestep',
      'encoder_hidden_states',
      'controlnet_cond',
      'conditioning_scale',
    ]);
    const result = await residuals([edgeControl(0), edgeControl(1)]);
    expect(controlnet.outputNames).toEqual(CONTROL_RESIDUALS.map((spec) => spec.name));
    const shapes = controlnet.outputNames.map((name) => result[name]!.dims.slice(1).join('×'));
    expect(shapes).toEqual([
      ...['320×8×8', '320×8×8', '320×8×8', '320×4×4', '640×4×4', '640×4×4'],
      ...['640×2×2', '1280×2×2', '1280×2×2', '1280×1×1', '1280×1×1', '1280×1×1'],
      '1280×1×1',
    ]);
    for (const name of controlnet.outputNames) {
      expect(result[name]!.dims[0]).toBe(2);
      expect(result[name]!.type).toBe('float32');
    }
  });

  it('scores a square’s edge map highest for the three square items, in the mid residual only', async () => {
    const result = await residuals([edgeControl(itemIndex('green', 'square'))]);
    const scores = itemScores(result);
    const squares = ITEMS.filter((item) => SHAPES[item.shape] === 'square').map(
      (item) => item.index,
    );
    const others = ITEMS.filter((item) => SHAPES[item.shape] !== 'square').map(
      (item) => item.index,
    );
    for (const square of squares) {
      expect(scores[square]).toBeCloseTo(scores[squares[0]!]!, 6);
      expect(scores[square]! - Math.max(...others.map((other) => scores[other]!))).toBeGreaterThan(
        4,
      );
    }
    const mid = result.mid_block_additional_residual!.data as Float32Array;
    expect(mid.subarray(ITEMS.length).every((value) => value === 0)).toBe(true);
    for (const spec of CONTROL_RESIDUALS.slice(0, 12)) {
      expect((result[spec.name]!.data as Float32Array).every((value) => value === 0)).toBe(true);
    }
  });

  it('scores each shape’s edge map highest for its own items', async () => {
    const controls = SHAPES.map((shape) => edgeControl(itemIndex('red', shape)));
    const result = await residuals(controls);
    SHAPES.forEach((shape, row) => {
      const scores = itemScores(result, row);
      const best = scores.indexOf(Math.max(...scores));
      expect(SHAPES[ITEMS[best]!.shape]).toBe(shape);
    });
  });

  it('scales with conditioning_scale and scores a blank control image 0', async () => {
    const control = edgeControl(itemIndex('blue', 'triangle'));
    const full = itemScores(await residuals([control], 1));
    const half = itemScores(await residuals([control], 0.5));
    full.forEach((score, i) => expect(half[i]).toBeCloseTo(score / 2, 5));
    expect(Math.max(...full)).toBeGreaterThan(8);
    const blank = itemScores(await residuals([new Float32Array(3 * PLANE).fill(0.5)]));
    expect(blank).toEqual(Array(ITEMS.length).fill(0));
  });

  it('steers sampling through the ControlNet UNet: "a red" plus a square’s edges gives the red square', async () => {
    const pipeline = join(folder.path, TOY_SD_FOLDER);
    const unet = await openSession(join(pipeline, 'controlnet/model.onnx'));
    const textEncoder = await openSession(join(pipeline, 'text_encoder/model.onnx'));
    const seeds = 32;
    const ids = stack([promptIds(''), promptIds('a red')]);
    const text = await textEncoder.run({
      input_ids: new ort.Tensor('int32', Int32Array.from(ids), [2, 77]),
    });
    const hidden = text.last_hidden_state!.data as Float32Array;
    const [negative, positive] = [hidden.subarray(0, 77 * 768), hidden.subarray(77 * 768)];
    const rows = [
      ...Array<Float32Array>(seeds).fill(negative),
      ...Array<Float32Array>(seeds).fill(positive),
    ];
    const encoderHiddenStates = new ort.Tensor('float32', stack(rows), [2 * seeds, 77, 768]);
    const square = edgeControl(itemIndex('blue', 'square'));
    const controlImage = new ort.Tensor('float32', stack(Array(2 * seeds).fill(square)), [
      2 * seeds,
      3,
      64,
      64,
    ]);

    async function run(scale: number) {
      const latents = await sampleLatents({
        count: seeds,
        sampler: 'ddim',
        predict: async (input, timestep) => {
          const feeds = {
            sample: new ort.Tensor('float32', stack([input, input]), [2 * seeds, 4, 8, 8]),
            timestep: new ort.Tensor('float32', Float32Array.of(timestep), [1]),
            encoder_hidden_states: encoderHiddenStates,
          };
          const control = await controlnet.run({
            ...feeds,
            controlnet_cond: controlImage,
            conditioning_scale: new ort.Tensor('float64', Float64Array.of(scale), [1]),
          });
          const result = await unet.run({ ...feeds, ...control });
          return guide(result.out_sample!.data as Float32Array, 7.5);
        },
      });
      return Array.from({ length: seeds }, (_, row) => nearestItem(latents, row).index);
    }

    const redSquare = itemIndex('red', 'square');
    const controlled = await run(1);
    expect(controlled.every((index) => index === redSquare)).toBe(true);
    const free = await run(0);
    expect(free.every((index) => ITEMS[index]!.colour === 0)).toBe(true);
    expect(free.filter((index) => index !== redSquare).length).toBeGreaterThan(seeds / 3);
  });
});
