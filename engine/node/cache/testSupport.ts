/**
 * Shared by the cache tests and their child process: keys, sample outputs
 * covering every kind of value, and a bit-exact view of outputs to compare.
 */
import { createHash } from 'node:crypto';
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { Tensor } from '../../common/tensor.ts';
import { isHandle, type Value } from '../../common/values.ts';

/** A cache key (sha256 hex) named by a label, as nodeCacheKey would make one. */
export function keyFor(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

/** Outputs with every dtype, odd floats, nested JSON and values that depend on `seed`. */
export function sampleOutputs(seed = 0): NodeOutputs {
  const image = new Float32Array(12).map((_, index) => (index + seed) / 11);
  const bits = new Uint32Array(image.buffer);
  bits[1] = 0x7fc00001; // a NaN with a payload
  bits[2] = 0x80000000; // -0
  return {
    image: new Tensor('float32', [1, 2, 2, 3], image),
    mask: new Tensor('float16', [1, 2, 2], new Uint16Array([0x3c00, 0, 0x3800, seed & 0xffff])),
    tokens: new Tensor('int64', [1, 3], new BigInt64Array([49406n, BigInt(seed), -(2n ** 63n)])),
    latents: [
      new Tensor('float64', [2], new Float64Array([Math.PI, seed])),
      new Tensor('int32', [0, 4], new Int32Array(0)),
    ],
    extras: {
      bytes: new Tensor('uint8', [3], new Uint8Array([0, 128, 255])),
      signed: new Tensor('int8', [2], new Int8Array([-128, 127])),
      flags: new Tensor('bool', [2], new Uint8Array([1, 0])),
    },
    text: `a red circle #${seed}`,
    settings: { steps: 20, cfg: 7.5, tiled: false, notes: null, tags: ['a', 'b'], $odd: -0 },
    nothing: null,
  };
}

/** Outputs with tensors replaced by dtype, dims and hex bytes, so toEqual compares bits. */
export function bitsOf(value: Value | NodeOutputs): unknown {
  if (value instanceof Tensor) {
    return {
      dtype: value.dtype,
      dims: [...value.dims],
      hex: Buffer.from(value.bytes()).toString('hex'),
    };
  }
  if (typeof value === 'number')
    return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : value;
  if (value === null || typeof value !== 'object' || isHandle(value)) return value;
  if (Array.isArray(value)) return (value as readonly Value[]).map(bitsOf);
  return Object.fromEntries(
    Object.entries(value as Record<string, Value>).map(([key, item]) => [key, bitsOf(item)]),
  );
}
