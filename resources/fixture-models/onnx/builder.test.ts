import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../../engine/common/tensor.ts';
import { OnnxBuilder } from './builder.ts';

describe('OnnxBuilder', () => {
  it('writes a model ONNX Runtime loads and runs: y = relu(x · W + b), with metadata and free dims', async () => {
    const model = new OnnxBuilder('affine');
    const x = model.input('x', 'float32', ['batch', 2]);
    const w = model.constant(
      new Tensor('float32', [2, 3], Float32Array.from([1, 2, 3, -4, -5, -6])),
    );
    const b = model.floats([0.5, 0, 100]);
    const y = model.op('Add', [model.op('MatMul', [x, w]), b]);
    model.op('Relu', [y], {}, 'y');
    model.output('y', 'float32', ['batch', 3]);
    model.metadata('weft.fixture', 'affine');
    const bytes = model.build();

    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['y']);
    const result = await session.run({
      x: new ort.Tensor('float32', Float32Array.from([1, 1, 2, 0]), [2, 2]),
    });
    // [1,1]·W = [-3,-3,-3] + b → relu → [0, 0, 97]; [2,0]·W = [2,4,6] + b → [2.5, 4, 106]
    expect(Array.from(result.y!.data as Float32Array)).toEqual([0, 0, 97, 2.5, 4, 106]);
    expect(result.y!.dims).toEqual([2, 3]);
  });

  it('is deterministic: the same model gives the same bytes', () => {
    const build = () => {
      const model = new OnnxBuilder('g');
      model.op('Identity', [model.input('a', 'int64', [1])], {}, 'b');
      model.output('b', 'int64', [1]);
      return model.build();
    };
    expect(build()).toEqual(build());
  });

  it('writes attributes of every kind the fixtures use (ints, float, string, tensor)', async () => {
    const model = new OnnxBuilder('attrs');
    const x = model.input('x', 'float32', [1, 4]);
    const t = model.op('Transpose', [x], { perm: { ints: [1, 0] } });
    const scaled = model.op('LeakyRelu', [t], { alpha: { float: 0.25 } });
    const constant = model.op('Constant', [], {
      value: new Tensor('float32', [1], Float32Array.from([10])),
    });
    model.op('Add', [scaled, constant], {}, 'y');
    model.output('y', 'float32', [4, 1]);
    const session = await ort.InferenceSession.create(model.build());
    const result = await session.run({
      x: new ort.Tensor('float32', Float32Array.from([-4, 0, 4, 8]), [1, 4]),
    });
    expect(Array.from(result.y!.data as Float32Array)).toEqual([9, 10, 14, 18]);
  });
});
