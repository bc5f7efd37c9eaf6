/**
 * Small synthetic models for this folder's tests, shaped like the export
 * variants of MODEL-CONTRACTS.md (text encoder ids int32/int64, UNet
 * timestep float [B] / int64 [1] / int64 [2] / float scalar, a float16
 * model), written with the fixture builder into a temporary folder.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OnnxBuilder } from '../../../resources/fixture-models/onnx/builder.ts';
import type { Dim } from '../../../resources/fixture-models/onnx/builder.ts';
import { float32ToFloat16 } from '../../common/float16.ts';
import type { DType } from '../../common/tensor.ts';
import { Tensor } from '../../common/tensor.ts';

export interface TempFolder {
  readonly path: string;
  /** Writes a model (and its external data files) at `name` inside the folder; returns its path. */
  write(name: string, model: OnnxBuilder): string;
  remove(): void;
}

export function tempFolder(): TempFolder {
  const path = mkdtempSync(join(tmpdir(), 'weft-onnx-'));
  return {
    path,
    write(name, model) {
      const file = join(path, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, model.build());
      for (const [location, bytes] of model.externalFiles())
        writeFileSync(join(dirname(file), location), bytes);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** input_ids [batch, 77] → last_hidden_state [batch, 77] = ids as float32 + offset. */
export function textEncoder(ids: 'int32' | 'int64', offset = 0): OnnxBuilder {
  const model = new OnnxBuilder('text_encoder');
  const input = model.input('input_ids', ids, ['batch', 77]);
  const asFloat = model.op('Cast', [input], { to: 1 });
  model.op('Add', [asFloat, model.floats([offset], [1])], {}, 'last_hidden_state');
  model.output('last_hidden_state', 'float32', ['batch', 77]);
  return model;
}

/**
 * sample [batch, 4, 2, 2] and timestep (of the given type and shape) →
 * out_sample = sample × timestep (timestep reshaped to [-1, 1, 1, 1]) and
 * timestep_seen = the timestep as fed, so tests see what the layer made of it.
 */
export function unet(timestepType: DType, timestepShape: readonly Dim[]): OnnxBuilder {
  const model = new OnnxBuilder('unet');
  const sample = model.input('sample', 'float32', ['batch', 4, 2, 2]);
  const timestep = model.input('timestep', timestepType, timestepShape);
  const asFloat = model.op('Cast', [timestep], { to: 1 });
  const column = model.op('Reshape', [asFloat, model.ints([-1, 1, 1, 1])]);
  model.op('Mul', [sample, column], {}, 'out_sample');
  model.op('Identity', [timestep], {}, 'timestep_seen');
  model.output('out_sample', 'float32', ['batch', 4, 2, 2]);
  model.output('timestep_seen', timestepType, timestepShape);
  return model;
}

/** float16 throughout: y [1, 4] = x × w, with w a float16 initializer. */
export function halfModel(weights: readonly number[]): OnnxBuilder {
  const model = new OnnxBuilder('half');
  const x = model.input('x', 'float16', [1, 4]);
  const w = model.constant(new Tensor('float16', [1, weights.length], float32ToFloat16(weights)));
  model.op('Mul', [x, w], {}, 'y');
  model.output('y', 'float16', [1, 4]);
  return model;
}

/** y = x + 1, x float32 [batch, n]: the smallest model that loads and runs. */
export function addOne(name = 'add_one'): OnnxBuilder {
  const model = new OnnxBuilder(name);
  const x = model.input('x', 'float32', ['batch', 'n']);
  model.op('Add', [x, model.floats([1], [1])], {}, 'y');
  model.output('y', 'float32', ['batch', 'n']);
  return model;
}
