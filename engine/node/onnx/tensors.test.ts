import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../common/tensor.ts';
import { addOne } from './testModels.ts';
import { fromOrtTensor, toOrtTensor } from './tensors.ts';

describe('engine ⇄ ORT tensors', () => {
  it('hands ORT the engine data itself, for every dtype (no copy)', () => {
    const tensors = [
      new Tensor('float32', [2], Float32Array.from([1.5, -2])),
      new Tensor('float16', [1], Uint16Array.from([0x3c00])),
      new Tensor('float64', [1], Float64Array.from([0.1])),
      new Tensor('int8', [1], Int8Array.from([-3])),
      new Tensor('uint8', [1], Uint8Array.from([200])),
      new Tensor('int32', [2, 1], Int32Array.from([7, 8])),
      new Tensor('int64', [1], BigInt64Array.from([1n << 40n])),
      new Tensor('bool', [2], Uint8Array.from([1, 0])),
    ];
    for (const tensor of tensors) {
      const converted = toOrtTensor(tensor);
      expect(converted.type).toBe(tensor.dtype);
      expect(converted.dims).toEqual(tensor.dims);
      const data = converted.data as ArrayBufferView;
      expect(data.buffer).toBe(tensor.data.buffer);
      expect(data.byteOffset).toBe(tensor.data.byteOffset);
      const back = fromOrtTensor(converted);
      expect(back.dtype).toBe(tensor.dtype);
      expect(back.dims).toEqual(tensor.dims);
      expect(back.data.buffer).toBe(tensor.data.buffer);
    }
  });

  it('keeps a view into a larger buffer as that view', () => {
    const backing = Float32Array.from([9, 9, 1, 2, 3, 4]);
    const tensor = new Tensor('float32', [2, 2], backing.subarray(2));
    expect(toOrtTensor(tensor).data).toBe(tensor.data);
  });

  it('turns ORT outputs into engine tensors over the same memory', async () => {
    const session = await ort.InferenceSession.create(addOne().build());
    const input = new Tensor('float32', [1, 3], Float32Array.from([0, 1, 2]));
    const results = await session.run({ x: toOrtTensor(input) });
    const output = results.y!;
    const tensor = fromOrtTensor(output, 'y');
    expect(tensor.data).toBe(output.data);
    expect(Array.from(tensor.data as Float32Array)).toEqual([1, 2, 3]);
    expect(tensor.dims).toEqual([1, 3]);
    await session.release();
  });

  it('refuses types the engine has no dtype for, naming the output and type', () => {
    const uint16 = new ort.Tensor('uint16', Uint16Array.from([1]), [1]);
    expect(() => fromOrtTensor(uint16, 'mask')).toThrow(
      'The model returned "mask" as uint16, a type Weft cannot use (it supports float32, float16, float64, int8, uint8, int32, int64, bool).',
    );
  });
});
