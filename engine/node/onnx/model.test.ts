import { afterAll, describe, expect, it } from 'vitest';
import { Tensor } from '../../common/tensor.ts';
import { OnnxModel } from './model.ts';
import { SessionPool } from './sessionPool.ts';
import { addOne, halfModel, tempFolder, textEncoder, unet } from './testModels.ts';

const folder = tempFolder();
const pool = new SessionPool({ provider: 'cpu' });
afterAll(async () => {
  await pool.close();
  folder.remove();
});

const IDS = Array.from({ length: 77 }, (_, index) => (index === 0 ? 49406 : 49407));

describe('OnnxModel', () => {
  it('feeds the same ids to text encoders exported with int32 (diffusers) and int64 (optimum) input_ids', async () => {
    const int32 = await OnnxModel.load(
      pool,
      folder.write('sd_script/text_encoder/model.onnx', textEncoder('int32')),
    );
    const int64 = await OnnxModel.load(
      pool,
      folder.write('sd_optimum/text_encoder/model.onnx', textEncoder('int64', 0.5)),
    );
    expect(int32.inputs).toEqual([{ name: 'input_ids', dtype: 'int32', shape: ['batch', 77] }]);
    expect(int64.inputs).toEqual([{ name: 'input_ids', dtype: 'int64', shape: ['batch', 77] }]);
    const asTensor = new Tensor('int32', [1, 77], Int32Array.from(IDS));
    for (const given of [IDS, asTensor]) {
      const a = (await int32.run({ input_ids: given })).last_hidden_state!;
      const b = (await int64.run({ input_ids: given })).last_hidden_state!;
      expect(a.dims).toEqual([1, 77]);
      expect(b.dims).toEqual([1, 77]);
      expect(Array.from(a.data as Float32Array).slice(0, 3)).toEqual([49406, 49407, 49407]);
      expect(Array.from(b.data as Float32Array).slice(0, 3)).toEqual([49406.5, 49407.5, 49407.5]);
    }
    expect(int32.provider).toBe('cpu');
    expect(int32.name).toBe('text_encoder/model.onnx');
  });

  it('gives a UNet its timestep as each export wants it: float32 [batch], int64 [1], int64 [2], float scalar', async () => {
    const sample = new Tensor(
      'float32',
      [2, 4, 2, 2],
      Float32Array.from({ length: 32 }, (_, i) => i % 4),
    );
    const variants = [
      { file: 'float_batch', type: 'float32', shape: ['batch'], seen: [2], values: [999, 999] },
      { file: 'int64_one', type: 'int64', shape: [1], seen: [1], values: [999n] },
      { file: 'int64_two', type: 'int64', shape: [2], seen: [2], values: [999n, 999n] },
      { file: 'float_scalar', type: 'float32', shape: [], seen: [], values: [999] },
    ] as const;
    for (const variant of variants) {
      const model = await OnnxModel.load(
        pool,
        folder.write(`${variant.file}/unet/model.onnx`, unet(variant.type, variant.shape)),
      );
      const outputs = await model.run({ sample, timestep: 999 });
      expect([variant.file, outputs.timestep_seen!.dims]).toEqual([variant.file, variant.seen]);
      expect(Array.from(outputs.timestep_seen!.data as ArrayLike<number | bigint>)).toEqual(
        variant.values,
      );
      const out = outputs.out_sample!;
      expect(out.dims).toEqual([2, 4, 2, 2]);
      expect(Array.from(out.data as Float32Array).slice(0, 4)).toEqual([0, 999, 1998, 2997]);
    }
  });

  it('runs a float16 model (weights and I/O) from float32 inputs, returning float32 when asked', async () => {
    const model = await OnnxModel.load(
      pool,
      folder.write('half/model.onnx', halfModel([2, 4, 0.25, 1.5])),
    );
    const x = new Tensor('float32', [1, 4], Float32Array.from([1, 0.5, -2, 3]));
    const native = (await model.run({ x })).y!;
    expect(native.dtype).toBe('float16');
    expect(Array.from(native.data as Uint16Array)).toEqual([0x4000, 0x4000, 0xb800, 0x4480]); // 2, 2, -0.5, 4.5
    const asFloat = (await model.run({ x: [1, 0.5, -2, 3] }, { outputs: 'float32' })).y!;
    expect(asFloat.dtype).toBe('float32');
    expect(Array.from(asFloat.data as Float32Array)).toEqual([2, 2, -0.5, 4.5]);
  });

  it('[rank] explains a wrong rank for the artist, naming the model file, the input and both shapes', async () => {
    const model = await OnnxModel.load(
      pool,
      folder.write('rank/unet/model.onnx', unet('float32', ['batch'])),
    );
    const run = model.run({ sample: Tensor.zeros('float32', [4, 2, 2]), timestep: 1 });
    await expect(run).rejects.toThrow(
      'The model "unet/model.onnx" cannot use what was given for its input "sample": it takes 4 dimensions and was given 3 dimensions. ' +
        'This usually means the model does not fit the node it is used with (or it is an export variant Weft does not know). ' +
        'Details: input "sample" expects float32 [batch, 4, 2, 2], got float32 [4, 2, 2]; rank 3 ≠ 4.',
    );
    expect(pool.stats.inUse).toBe(0); // the lease ended with the error
  });

  it('lists the model inputs when one is missing or unknown, and its outputs for an unknown fetch', async () => {
    const model = await OnnxModel.load(
      pool,
      folder.write('names/unet/model.onnx', unet('int64', [1])),
    );
    const sample = Tensor.zeros('float32', [1, 4, 2, 2]);
    await expect(model.run({ sample })).rejects.toThrow(
      'Its inputs are: sample (float32 [batch, 4, 2, 2]), timestep (int64 [1]).',
    );
    await expect(model.run({ sample, timestep: 1, text_embeds: 0 })).rejects.toThrow(
      'The model "unet/model.onnx" has no input "text_embeds".',
    );
    await expect(model.run({ sample, timestep: 1 }, { fetch: ['noise_pred'] })).rejects.toThrow(
      'The model "unet/model.onnx" has no output "noise_pred". Its outputs are: out_sample, timestep_seen.',
    );
    const only = await model.run({ sample, timestep: 1 }, { fetch: ['timestep_seen'] });
    expect(Object.keys(only)).toEqual(['timestep_seen']);
  });

  it('enforces freeDimensionOverrides, which the ORT binding itself ignores', async () => {
    const path = folder.write('pinned/model.onnx', addOne());
    const model = await OnnxModel.load(pool, path, { freeDimensionOverrides: { batch: 2 } });
    const ok = await model.run({ x: new Tensor('float32', [2, 1], Float32Array.from([1, 2])) });
    expect(Array.from(ok.y!.data as Float32Array)).toEqual([2, 3]);
    await expect(model.run({ x: Tensor.zeros('float32', [3, 1]) })).rejects.toThrow(
      '"batch" is pinned to 2 by the session options',
    );
  });

  it('checks cancellation before running, also once the session is leased', async () => {
    const model = await OnnxModel.load(pool, folder.write('cancel/model.onnx', addOne()));
    const x = Tensor.zeros('float32', [1, 1]);
    const before = new AbortController();
    const reason = new Error('cancelled by the user');
    before.abort(reason);
    await expect(model.run({ x }, { signal: before.signal })).rejects.toBe(reason);

    const during = new AbortController();
    const running = model.run({ x }, { signal: during.signal });
    during.abort(reason); // lands while the session is being leased: ORT is never called
    await expect(running).rejects.toBe(reason);
    expect(pool.stats.inUse).toBe(0);
  });

  it('picks up a model file replaced on disk at the next run', async () => {
    const { utimesSync, statSync } = await import('node:fs');
    const path = folder.write('replaced/text_encoder/model.onnx', textEncoder('int32'));
    const model = await OnnxModel.load(pool, path);
    expect(model.inputs[0]!.dtype).toBe('int32');
    folder.write('replaced/text_encoder/model.onnx', textEncoder('int64', 1));
    const later = new Date(statSync(path).mtimeMs + 5000);
    utimesSync(path, later, later);
    const out = (await model.run({ input_ids: IDS })).last_hidden_state!;
    expect((out.data as Float32Array)[0]).toBe(49407);
    expect(model.inputs[0]!.dtype).toBe('int64');
  });
});
