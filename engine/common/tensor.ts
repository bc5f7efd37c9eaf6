/**
 * The one tensor type of the engine: a dtype, dims and a flat typed array in
 * row-major order. It converts to and from ONNX Runtime tensors without copies
 * and is what the disk cache stores (safetensors). Pure: no Node built-ins.
 */

export const DTYPES = [
  'float32',
  'float16',
  'float64',
  'int8',
  'uint8',
  'int32',
  'int64',
  'bool',
] as const;
export type DType = (typeof DTYPES)[number];

export interface DTypeArrays {
  float32: Float32Array;
  float16: Uint16Array; // raw IEEE half bits, as onnxruntime-node carries them
  float64: Float64Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int32: Int32Array;
  int64: BigInt64Array;
  bool: Uint8Array;
}
export type TensorData = DTypeArrays[DType];

const CONSTRUCTORS = {
  float32: Float32Array,
  float16: Uint16Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int32: Int32Array,
  int64: BigInt64Array,
  bool: Uint8Array,
} as const;

export function bytesPerElement(dtype: DType): number {
  return CONSTRUCTORS[dtype].BYTES_PER_ELEMENT;
}

export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

export class Tensor<D extends DType = DType> {
  readonly dtype: D;
  readonly dims: readonly number[];
  readonly data: DTypeArrays[D];

  constructor(dtype: D, dims: readonly number[], data: DTypeArrays[D]) {
    for (const d of dims) {
      if (!Number.isInteger(d) || d < 0)
        throw new Error(`Tensor dims must be whole numbers ≥ 0, got [${dims.join(', ')}]`);
    }
    if (data.length !== elementCount(dims)) {
      throw new Error(
        `Tensor of shape [${dims.join(', ')}] needs ${elementCount(dims)} values, got ${data.length}`,
      );
    }
    this.dtype = dtype;
    this.dims = Object.freeze([...dims]);
    this.data = data;
  }

  static zeros<D extends DType>(dtype: D, dims: readonly number[]): Tensor<D> {
    const Ctor = CONSTRUCTORS[dtype] as unknown as new (n: number) => DTypeArrays[D];
    return new Tensor(dtype, dims, new Ctor(elementCount(dims)));
  }

  /** A view over raw little-endian bytes (copied when unaligned). */
  static fromBytes<D extends DType>(
    dtype: D,
    dims: readonly number[],
    bytes: Uint8Array,
  ): Tensor<D> {
    const Ctor = CONSTRUCTORS[dtype] as unknown as {
      new (buffer: ArrayBufferLike, byteOffset: number, length: number): DTypeArrays[D];
      BYTES_PER_ELEMENT: number;
    };
    const n = elementCount(dims);
    if (bytes.byteLength !== n * Ctor.BYTES_PER_ELEMENT) {
      throw new Error(
        `Tensor of ${dtype} [${dims.join(', ')}] needs ${n * Ctor.BYTES_PER_ELEMENT} bytes, got ${bytes.byteLength}`,
      );
    }
    const aligned = bytes.byteOffset % Ctor.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
    return new Tensor(dtype, dims, new Ctor(aligned.buffer, aligned.byteOffset, n));
  }

  get size(): number {
    return this.data.length;
  }

  get byteLength(): number {
    return this.data.byteLength;
  }

  /** The raw bytes of the data, sharing memory (no copy). */
  bytes(): Uint8Array {
    return new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength);
  }

  reshape(dims: readonly number[]): Tensor<D> {
    return new Tensor(this.dtype, dims, this.data);
  }
}

export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}
