/**
 * The toy frame interpolator: RIFE v4's vs-mlrt contract with a linear blend
 * instead of optical-flow warping. Input `input` float32 [1, C, height, width] in
 * [0, 1] → output `output` float32 [1, 3, height, width] =
 * (1 − t)·img0 + t·img1, where the channels are img0 RGB (0–2), img1 RGB (3–5) and
 * a constant timestep plane t (6). Both vs-mlrt forms are written:
 * - 7 channels: img0, img1, timestep;
 * - 11 channels: the same plus an x-grid, a y-grid and constant 2/(W−1) and
 *   2/(H−1) planes, which the blend reads past (real RIFE uses them for warping).
 * Any height and width work; real RIFE needs multiples of 32 (64 or 128 for some
 * models), which the interpolator node pads to.
 */
import { join } from 'node:path';
import { writeFixtureFiles } from './files.ts';
import { OnnxBuilder } from './onnx/builder.ts';

export type RifeChannels = 7 | 11;

export function buildToyRife(channels: RifeChannels): Uint8Array {
  const model = new OnnxBuilder(`toy_rife_${channels}ch`);
  const input = model.input('input', 'float32', [1, channels, 'height', 'width']);
  const planes = (start: number, end: number) =>
    model.op('Slice', [input, model.ints([start]), model.ints([end]), model.ints([1])]);
  const first = planes(0, 3);
  const second = planes(3, 6);
  const timestep = planes(6, 7);
  const keep = model.op('Sub', [model.floats([1]), timestep]);
  model.op(
    'Add',
    [model.op('Mul', [keep, first]), model.op('Mul', [timestep, second])],
    {},
    'output',
  );
  model.output('output', 'float32', [1, 3, 'height', 'width']);
  model
    .metadata('weft.fixture', channels === 7 ? 'toy-rife' : 'toy-rife-11ch')
    .metadata(
      'weft.contract',
      `rife-v4 vs-mlrt ${channels}-channel: input [1,${channels},H,W] in [0,1] (img0 RGB, img1 RGB, timestep plane${channels === 11 ? ', x-grid, y-grid, 2/(W−1), 2/(H−1)' : ''}) → output [1,3,H,W]`,
    )
    .metadata(
      'weft.computes',
      'a linear blend (1 − t)·img0 + t·img1; real RIFE warps both frames by estimated optical flow',
    );
  return model.build();
}

/** Writes `interpolation/toy-rife/model.onnx` (7 channels) and `interpolation/toy-rife-11ch/model.onnx`. */
export async function writeToyRife(root: string): Promise<void> {
  await writeFixtureFiles(join(root, 'interpolation', 'toy-rife'), {
    'model.onnx': buildToyRife(7),
  });
  await writeFixtureFiles(join(root, 'interpolation', 'toy-rife-11ch'), {
    'model.onnx': buildToyRife(11),
  });
}
