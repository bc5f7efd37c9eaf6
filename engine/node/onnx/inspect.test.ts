import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { OnnxBuilder } from '../../../resources/fixture-models/onnx/builder.ts';
import { Tensor } from '../../common/tensor.ts';
import { inspectModel, inspectSource } from './inspect.ts';
import { FileSource } from './protoReader.ts';
import { tempFolder, unet } from './testModels.ts';

const folder = tempFolder();
afterAll(() => folder.remove());

/** Inputs of every declared form: fixed, symbolic, unnamed free, scalar, no shape. */
function variedModel(): OnnxBuilder {
  const model = new OnnxBuilder('varied', 18);
  const sample = model.input('sample', 'float32', ['batch', 4, 'height', 'width']);
  const ids = model.input('input_ids', 'int64', [1, 77]);
  const scale = model.input('scale', 'float64', []);
  const free = model.input('free', 'float16', undefined);
  model.op('Identity', [sample], {}, 'out_sample');
  model.op('Identity', [ids], {}, 'ids_out');
  model.op('Identity', [scale], {}, 'scale_out');
  model.op('Identity', [free], {}, 'free_out');
  model.output('out_sample', 'float32', ['batch', 4, 'height', 'width']);
  model.output('ids_out', 'int64', [1, 77]);
  model.output('scale_out', 'float64', []);
  model.output('free_out', 'float16', undefined);
  model.metadata('weft.family', 'toy-unet').metadata('scaling_factor', '0.18215');
  return model;
}

describe('inspectModel', () => {
  it('reads inputs, outputs, metadata, opset, IR version and producer from the file', async () => {
    const path = folder.write('varied.onnx', variedModel());
    const info = await inspectModel(path);
    expect(info.irVersion).toBe(8);
    expect(info.producerName).toBe('weft-fixtures');
    expect(info.producerVersion).toBe('1');
    expect(info.opset).toBe(18);
    expect(info.opsets).toEqual([{ domain: '', version: 18 }]);
    expect(info.graphName).toBe('varied');
    expect(info.metadata).toEqual({ 'weft.family': 'toy-unet', scaling_factor: '0.18215' });
    expect(info.inputs).toEqual([
      { name: 'sample', kind: 'tensor', dtype: 'float32', shape: ['batch', 4, 'height', 'width'] },
      { name: 'input_ids', kind: 'tensor', dtype: 'int64', shape: [1, 77] },
      { name: 'scale', kind: 'tensor', dtype: 'float64', shape: [] },
      { name: 'free', kind: 'tensor', dtype: 'float16', shape: null },
    ]);
    expect(info.outputs.map((output) => output.name)).toEqual([
      'out_sample',
      'ids_out',
      'scale_out',
      'free_out',
    ]);
    expect(info.externalData).toEqual([]);
  });

  it('agrees with what an ONNX Runtime session reports (ORT shows "no shape" as [])', async () => {
    for (const [name, model] of [
      ['varied2.onnx', variedModel()],
      ['unet_int64.onnx', unet('int64', [1])],
      ['unet_scalar.onnx', unet('float32', [])],
    ] as const) {
      const path = folder.write(name, model);
      const info = await inspectModel(path);
      const session = await ort.InferenceSession.create(path);
      const asOrt = (values: typeof info.inputs) =>
        values.map((value) => ({
          name: value.name,
          isTensor: true,
          type: value.dtype,
          shape: value.shape ?? [],
        }));
      expect(asOrt(info.inputs)).toEqual(session.inputMetadata);
      expect(asOrt(info.outputs)).toEqual(session.outputMetadata);
      await session.release();
    }
  });

  it('skips a 20 MB initializer: only a few KiB of the file are read', async () => {
    const model = new OnnxBuilder('big');
    const x = model.input('x', 'float32', [5 * 1024 * 1024]);
    const weights = model.constant(Tensor.zeros('float32', [5 * 1024 * 1024]));
    model.op('Add', [x, weights], {}, 'y');
    model.output('y', 'float32', [5 * 1024 * 1024]);
    model.metadata('after', 'the weights');
    const path = folder.write('big.onnx', model);
    const source = await FileSource.open(path);
    try {
      expect(source.size).toBeGreaterThan(20 * 1024 * 1024);
      const info = await inspectSource(source, path);
      expect(info.inputs).toEqual([
        { name: 'x', kind: 'tensor', dtype: 'float32', shape: [5 * 1024 * 1024] },
      ]);
      expect(info.metadata).toEqual({ after: 'the weights' });
      expect(info.initializerCount).toBe(1);
      expect(source.bytesRead).toBeLessThan(200 * 1024);
    } finally {
      await source.close();
    }
  });

  it('lists external data files once each, and leaves initializers out of the inputs', async () => {
    const model = new OnnxBuilder('external');
    const x = model.input('x', 'float32', [2]);
    // An input that is also an initializer (how IR < 4 models list weights): ORT hides it.
    const bias = model.input('bias', 'float32', [2]);
    model.constant(new Tensor('float32', [2], Float32Array.from([1, 2])), bias);
    const a = model.externalConstant(
      new Tensor('float32', [2], Float32Array.from([3, 4])),
      'model.onnx_data',
    );
    const b = model.externalConstant(
      new Tensor('float32', [2], Float32Array.from([5, 6])),
      'model.onnx_data',
    );
    const c = model.externalConstant(
      new Tensor('float32', [2], Float32Array.from([7, 8])),
      'weights.pb',
    );
    const sum = model.op('Add', [model.op('Add', [model.op('Add', [x, a]), b]), c]);
    model.op('Add', [sum, bias], {}, 'y');
    model.output('y', 'float32', [2]);
    const path = folder.write('external/model.onnx', model);
    const info = await inspectModel(path);
    expect(info.externalData).toEqual(['model.onnx_data', 'weights.pb']);
    expect(info.initializerCount).toBe(4);
    expect(info.inputs.map((input) => input.name)).toEqual(['x']);
    const session = await ort.InferenceSession.create(path, { logSeverityLevel: 3 });
    expect(session.inputNames).toEqual(['x']);
    await session.release();
  });

  it('names the file and the byte offset when it is not an ONNX model', async () => {
    const bytes = unet('float32', ['batch']).build();
    const truncated = join(folder.path, 'truncated.onnx');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 10));
    await expect(inspectModel(truncated)).rejects.toThrow(
      new RegExp(
        `^"${truncated}" is not a readable ONNX model: field 7 at byte \\d+ runs past the end of its message`,
      ),
    );
    const text = join(folder.path, 'notes.onnx');
    writeFileSync(text, 'just some text, not protobuf\n');
    await expect(inspectModel(text)).rejects.toThrow(/is not a readable ONNX model/);
  });
});
