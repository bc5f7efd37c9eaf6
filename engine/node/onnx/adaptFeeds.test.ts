import { describe, expect, it } from 'vitest';
import { NodeError } from '../../common/nodeApi.ts';
import { Tensor } from '../../common/tensor.ts';
import { adaptFeeds } from './adaptFeeds.ts';
import type { TensorSpec } from './feedErrors.ts';
import { ModelInputError } from './feedErrors.ts';

const SAMPLE: TensorSpec = { name: 'sample', dtype: 'float32', shape: ['batch', 4, 2, 2] };
const latents = (batch: number) => Tensor.zeros('float32', [batch, 4, 2, 2]);

function adaptOne(spec: TensorSpec, value: Parameters<typeof adaptFeeds>[2][string]): Tensor {
  return adaptFeeds('unet/model.onnx', [spec], { [spec.name]: value })[spec.name]!;
}

function caught(run: () => unknown): ModelInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ModelInputError) return error;
    throw error;
  }
  throw new Error('expected a ModelInputError');
}

describe('adaptFeeds', () => {
  it('passes a tensor that already fits through as the same object', () => {
    const sample = latents(2);
    expect(adaptOne(SAMPLE, sample)).toBe(sample);
  });

  it('broadcasts a number to a [batch] timestep at the batch another input binds', () => {
    const specs: TensorSpec[] = [SAMPLE, { name: 'timestep', dtype: 'float32', shape: ['batch'] }];
    const adapted = adaptFeeds('unet/model.onnx', specs, { sample: latents(3), timestep: 999 });
    expect(adapted.timestep!.dims).toEqual([3]);
    expect(Array.from(adapted.timestep!.data as Float32Array)).toEqual([999, 999, 999]);
  });

  it('fills fixed and unbound dims: int64 [2] gets two copies, an unbound [steps] gets one, [] a scalar', () => {
    const pair = adaptOne({ name: 'timestep', dtype: 'int64', shape: [2] }, 981);
    expect(pair.dims).toEqual([2]);
    expect(Array.from(pair.data as BigInt64Array)).toEqual([981n, 981n]);
    const steps = adaptOne({ name: 'timestep', dtype: 'int64', shape: ['steps'] }, 5n);
    expect(steps.dims).toEqual([1]);
    expect(Array.from(steps.data as BigInt64Array)).toEqual([5n]);
    const scalar = adaptOne({ name: 'timestep', dtype: 'float32', shape: [] }, 0.5);
    expect(scalar.dims).toEqual([]);
    expect(Array.from(scalar.data as Float32Array)).toEqual([0.5]);
  });

  it('turns a one-element tensor into a scalar, and spreads a scalar or [1] tensor over [batch]', () => {
    const one = new Tensor('float32', [1], Float32Array.from([7]));
    expect(adaptOne({ name: 't', dtype: 'float32', shape: [] }, one).dims).toEqual([]);
    const scalar = new Tensor('int32', [], Int32Array.from([7]));
    const specs: TensorSpec[] = [SAMPLE, { name: 't', dtype: 'int64', shape: ['batch'] }];
    const adapted = adaptFeeds('m.onnx', specs, { sample: latents(2), t: scalar });
    expect(Array.from(adapted.t!.data as BigInt64Array)).toEqual([7n, 7n]);
    // A [1] tensor for [batch] spreads too (a model traced for [B] needs B values), whichever input comes first.
    const reordered: TensorSpec[] = [specs[1]!, SAMPLE];
    const spread = adaptFeeds('m.onnx', reordered, { sample: latents(2), t: one });
    expect(spread.t!.dims).toEqual([2]);
    expect(Array.from(spread.t!.data as BigInt64Array)).toEqual([7n, 7n]);
  });

  it('lays out a plain list in the declared shape: 77 ids → [1, 77], 154 → [2, 77]', () => {
    const spec: TensorSpec = { name: 'input_ids', dtype: 'int32', shape: ['batch', 77] };
    const ids = Array.from({ length: 77 }, (_, index) => 49406 + (index % 2));
    const one = adaptOne(spec, ids);
    expect(one.dims).toEqual([1, 77]);
    expect(one.data).toBeInstanceOf(Int32Array);
    expect(one.data[0]).toBe(49406);
    expect(adaptOne(spec, [...ids, ...ids]).dims).toEqual([2, 77]);
    expect(caught(() => adaptOne(spec, ids.slice(1))).message).toContain(
      '76 values cannot be laid out in that shape',
    );
  });

  it('converts dtypes: int32 ⇄ int64, float32 → float16 (exact bits), whole floats → int64', () => {
    const ids32 = new Tensor('int32', [1, 2], Int32Array.from([49406, -1]));
    const ids64 = adaptOne({ name: 'ids', dtype: 'int64', shape: ['batch', 2] }, ids32);
    expect(Array.from(ids64.data as BigInt64Array)).toEqual([49406n, -1n]);
    const back = adaptOne({ name: 'ids', dtype: 'int32', shape: ['batch', 2] }, ids64);
    expect(Array.from(back.data as Int32Array)).toEqual([49406, -1]);
    const half = adaptOne(
      { name: 'x', dtype: 'float16', shape: [3] },
      new Tensor('float32', [3], Float32Array.from([1, 0.1, 65520])),
    );
    expect(Array.from(half.data as Uint16Array)).toEqual([0x3c00, 0x2e66, 0x7c00]);
    const whole = adaptOne(
      { name: 't', dtype: 'int64', shape: [2] },
      new Tensor('float32', [2], Float32Array.from([999, 979])),
    );
    expect(Array.from(whole.data as BigInt64Array)).toEqual([999n, 979n]);
  });

  it('refuses lossy or meaningless conversions with the reason', () => {
    const fraction = caught(() =>
      adaptOne(
        { name: 'timestep', dtype: 'int64', shape: [1] },
        new Tensor('float32', [2], Float32Array.from([999.5, 1])),
      ),
    );
    expect(fraction.code).toBe('MODEL_INPUT_MISMATCH');
    expect(fraction.message).toContain(
      'it takes whole numbers (int64) and some of the values given are fractions',
    );
    const overflow = caught(() =>
      adaptOne(
        { name: 'ids', dtype: 'int32', shape: [1] },
        new Tensor('int64', [1], BigInt64Array.from([1n << 40n])),
      ),
    );
    expect(overflow.message).toContain('1099511627776 is not one');
    const fractionalNumber = caught(() =>
      adaptOne({ name: 'timestep', dtype: 'int64', shape: [1] }, 2.5),
    );
    expect(fractionalNumber.message).toContain('and 2.5 is not one');
    const fromBool = caught(() =>
      adaptOne(
        { name: 'x', dtype: 'float32', shape: [1] },
        new Tensor('bool', [1], Uint8Array.from([1])),
      ),
    );
    expect(fromBool.message).toContain('it takes float32 values');
  });

  it('[rank] names the model, the input, what it expects and what it got', () => {
    const error = caught(() => adaptOne(SAMPLE, Tensor.zeros('float32', [4, 2, 2])));
    expect(error).toBeInstanceOf(NodeError);
    expect(error.code).toBe('MODEL_INPUT_MISMATCH');
    expect(error.model).toBe('unet/model.onnx');
    expect(error.input).toBe('sample');
    expect(error.message).toBe(
      'The model "unet/model.onnx" cannot use what was given for its input "sample": it takes 4 dimensions and was given 3 dimensions. ' +
        'This usually means the model does not fit the node it is used with (or it is an export variant Weft does not know). ' +
        'Details: input "sample" expects float32 [batch, 4, 2, 2], got float32 [4, 2, 2]; rank 3 ≠ 4.',
    );
  });

  it('checks fixed dims, and dims pinned by freeDimensionOverrides', () => {
    const fixed = caught(() => adaptOne(SAMPLE, Tensor.zeros('float32', [1, 3, 2, 2])));
    expect(fixed.message).toContain('its dimension 2 must be 4, and was given 3');
    const pinned = caught(() =>
      adaptFeeds('unet/model.onnx', [SAMPLE], { sample: latents(3) }, { batch: 2 }),
    );
    expect(pinned.message).toContain(
      'its dimension 1 must be 2 ("batch" is pinned to 2 by the session options), and was given 3',
    );
    expect(pinned.message).toContain('expects float32 [batch=2, 4, 2, 2]');
  });

  it('lists the inputs when one is missing or unknown', () => {
    const specs: TensorSpec[] = [SAMPLE, { name: 'timestep', dtype: 'int64', shape: [] }];
    const missing = caught(() => adaptFeeds('unet/model.onnx', specs, { sample: latents(1) }));
    expect(missing.code).toBe('MODEL_INPUT_MISSING');
    expect(missing.message).toBe(
      'The model "unet/model.onnx" needs the input "timestep", which was not given. ' +
        'This usually means the model does not fit the node it is used with (or it is an export variant Weft does not know). ' +
        'Its inputs are: sample (float32 [batch, 4, 2, 2]), timestep (int64 scalar []).',
    );
    const unknown = caught(() =>
      adaptFeeds('unet/model.onnx', specs, { sample: latents(1), timestep: 1, timestep_cond: 3 }),
    );
    expect(unknown.code).toBe('MODEL_INPUT_UNKNOWN');
    expect(unknown.message).toMatch(
      /^The model "unet\/model.onnx" has no input "timestep_cond"\. .* Its inputs are: sample/,
    );
  });

  it('refuses types it cannot produce and numbers for inputs that need whole tensors', () => {
    expect(
      caught(() => adaptOne({ name: 'text', dtype: 'string', shape: [1] }, [1])).message,
    ).toContain('it is of type string, which Weft cannot provide');
    expect(caught(() => adaptOne(SAMPLE, 0.5)).message).toContain(
      'it needs a whole tensor, not a single number',
    );
  });
});
