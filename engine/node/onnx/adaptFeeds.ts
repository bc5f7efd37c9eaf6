/**
 * Fits what a node gives a model to what that model's session declares.
 * Export generations of one model differ (MODEL-CONTRACTS.md): input_ids are
 * int32 or int64, the UNet timestep is float [B], int64 [1] or [2], or a float
 * scalar, float16 exports want half-precision inputs. Nodes should not care,
 * so this layer adapts, by these rules:
 *
 * - dtype: floats convert among themselves (float32 → float16 rounds to
 *   nearest even), integers among themselves (range-checked), integers to
 *   floats, floats to integers only when every value is whole. bool converts
 *   to nothing else.
 * - A number, a bigint or a one-element tensor given for an input of rank ≤ 2
 *   fills that input's shape: fixed dims as declared, a symbolic dim at the
 *   size another input binds it to (timestep [batch] follows sample's batch),
 *   else 1. Rank 0 gets a scalar.
 * - A number[] is laid out in the declared shape: unknown dims are 1 except
 *   the last unknown one, which takes the rest (77 ids for [batch, 77] become
 *   [1, 77]; 154 become [2, 77]).
 * - A tensor of another shape is not reshaped: its rank and fixed dims must
 *   match, and dims pinned by freeDimensionOverrides must match too.
 * Whatever cannot be adapted is an error naming the model file, the input,
 * what it expects and what was given, for the artist first, then the detail.
 *
 * Pure (no ONNX Runtime): it works on declared specs.
 */
import { float16ToFloat32, float32ToFloat16 } from '../../common/float16.ts';
import type { DType, TensorData } from '../../common/tensor.ts';
import { DTYPES, Tensor, elementCount } from '../../common/tensor.ts';
import type { FeedValue, Feeds, TensorSpec } from './feedErrors.ts';
import {
  FIT_HINT,
  ModelInputError,
  describeShape,
  describeSpec,
  describeSpecs,
  describeValue,
  plural,
  quoteList,
} from './feedErrors.ts';
import type { ShapeDim } from './inspect.ts';

export function adaptFeeds(
  model: string,
  specs: readonly TensorSpec[],
  feeds: Feeds,
  pinned: Readonly<Record<string, number>> = {},
): Record<string, Tensor> {
  const known = new Set(specs.map((spec) => spec.name));
  const unknown = Object.keys(feeds).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ModelInputError(
      'MODEL_INPUT_UNKNOWN',
      model,
      unknown[0],
      `The model "${model}" has no input ${quoteList(unknown)}. ${FIT_HINT} Its inputs are: ${describeSpecs(specs, pinned)}.`,
    );
  }
  const missing = specs.filter((spec) => !(spec.name in feeds)).map((spec) => spec.name);
  if (missing.length > 0) {
    throw new ModelInputError(
      'MODEL_INPUT_MISSING',
      model,
      missing[0],
      `The model "${model}" needs the input ${quoteList(missing)}, which was not given. ${FIT_HINT} Its inputs are: ${describeSpecs(specs, pinned)}.`,
    );
  }
  const bindings = bindSymbols(specs, feeds, pinned);
  const adapted: Record<string, Tensor> = {};
  for (const spec of specs) {
    const fit = new InputFit(model, spec, pinned, bindings);
    adapted[spec.name] = fit.adapt(feeds[spec.name]!);
  }
  return adapted;
}

/** Symbolic dim sizes: pinned ones first, then as the given tensors show them (the first tensor wins). */
function bindSymbols(
  specs: readonly TensorSpec[],
  feeds: Feeds,
  pinned: Readonly<Record<string, number>>,
): Map<string, number> {
  const bindings = new Map(Object.entries(pinned));
  for (const spec of specs) {
    const value = feeds[spec.name];
    // One-element tensors are spread, not taken as evidence: timestep [1] must not bind batch to 1.
    if (!(value instanceof Tensor) || value.size === 1) continue;
    if (spec.shape === null || spec.shape.length !== value.dims.length) continue;
    spec.shape.forEach((dim, index) => {
      if (typeof dim === 'string' && dim !== '' && !bindings.has(dim))
        bindings.set(dim, value.dims[index]!);
    });
  }
  return bindings;
}

class InputFit {
  readonly #shape: readonly ShapeDim[] | null;

  constructor(
    readonly model: string,
    readonly spec: TensorSpec,
    readonly pinned: Readonly<Record<string, number>>,
    readonly bindings: ReadonlyMap<string, number>,
  ) {
    this.#shape = spec.shape;
  }

  adapt(value: FeedValue): Tensor {
    const dtype = this.spec.dtype;
    if (!isDType(dtype)) {
      throw this.#error(
        value,
        `it is of type ${dtype}, which Weft cannot provide`,
        `unsupported input type ${dtype}`,
      );
    }
    if (typeof value === 'number' || typeof value === 'bigint')
      return this.#fill(dtype, value, value);
    if (value instanceof Tensor) {
      this.#checkConvertible(value, dtype);
      if (value.size === 1 && this.#fillable() && !this.#fits(value.dims)) {
        return this.#fill(dtype, numbersOf(value)[0]!, value);
      }
      const converted = this.#converted(value, dtype);
      this.#checkShape(value);
      return converted;
    }
    return this.#layOut(dtype, value);
  }

  /** A single value spread over the input's whole shape. */
  #fill(dtype: DType, single: number | bigint, given: FeedValue): Tensor {
    if (!this.#fillable()) {
      throw this.#error(
        given,
        'it needs a whole tensor, not a single number',
        `a single value can fill inputs of rank ≤ 2; this one has rank ${this.#shape!.length}`,
      );
    }
    const dims = (this.#shape ?? []).map((dim) => this.#size(dim) ?? 1);
    const values = new Array<number | bigint>(elementCount(dims)).fill(single);
    return new Tensor(dtype, dims, this.#encode(dtype, values, given));
  }

  /** A plain list laid out in the declared shape. */
  #layOut(dtype: DType, values: readonly number[]): Tensor {
    const shape = this.#shape;
    let dims: number[];
    if (shape === null) dims = [values.length];
    else if (shape.length === 0) {
      if (values.length !== 1)
        throw this.#error(
          values,
          'it takes a single value',
          `${values.length} values for a scalar`,
        );
      dims = [];
    } else {
      const sizes = shape.map((dim) => this.#size(dim));
      const unknown = sizes.flatMap((size, index) => (size === undefined ? [index] : []));
      const last = unknown.pop();
      const resolved = sizes.map((size) => size ?? 1);
      if (last !== undefined) resolved[last] = values.length / elementCount(resolved);
      dims = resolved;
      if (!Number.isInteger(dims[last ?? 0]) || elementCount(dims) !== values.length) {
        throw this.#error(
          values,
          `${values.length} values cannot be laid out in that shape`,
          `${values.length} values do not fill ${describeShape(shape, this.pinned)}`,
        );
      }
    }
    return new Tensor(dtype, dims, this.#encode(dtype, values, values));
  }

  #checkConvertible(tensor: Tensor, dtype: DType): void {
    if (tensor.dtype === dtype) return;
    const from = category(tensor.dtype);
    const to = category(dtype);
    if (
      from === 'bool' ||
      to === 'bool' ||
      (from === 'float' && to === 'int' && !allWhole(tensor))
    ) {
      throw this.#error(
        tensor,
        from === 'float' && to === 'int'
          ? `it takes whole numbers (${dtype}) and some of the values given are fractions`
          : `it takes ${dtype} values`,
        `no conversion from ${tensor.dtype} to ${dtype}`,
      );
    }
  }

  /** The tensor in the input's dtype (itself when it already is; checked by #checkConvertible). */
  #converted(tensor: Tensor, dtype: DType): Tensor {
    if (tensor.dtype === dtype) return tensor;
    if (tensor.dtype === 'int32' && dtype === 'int64') {
      return new Tensor(
        'int64',
        tensor.dims,
        BigInt64Array.from(tensor.data as Int32Array, BigInt),
      );
    }
    // The common float cases of a float16 export, without an intermediate copy.
    if (tensor.dtype === 'float32' && dtype === 'float16') {
      return new Tensor('float16', tensor.dims, float32ToFloat16(tensor.data as Float32Array));
    }
    if (tensor.dtype === 'float16' && dtype === 'float32') {
      return new Tensor('float32', tensor.dims, float16ToFloat32(tensor.data as Uint16Array));
    }
    return new Tensor(dtype, tensor.dims, this.#encode(dtype, numbersOf(tensor), tensor));
  }

  /** Values in the target type's array, each checked to be representable. */
  #encode(dtype: DType, values: ArrayLike<number | bigint>, given: FeedValue): TensorData {
    const count = values.length;
    switch (dtype) {
      case 'float16': {
        const singles = new Float32Array(count);
        for (let index = 0; index < count; index++) singles[index] = Number(values[index]);
        return float32ToFloat16(singles);
      }
      case 'float32':
        return Float32Array.from({ length: count }, (_, index) => Number(values[index]));
      case 'float64':
        return Float64Array.from({ length: count }, (_, index) => Number(values[index]));
      case 'int64': {
        const out = new BigInt64Array(count);
        for (let index = 0; index < count; index++) {
          const value = values[index]!;
          if (typeof value === 'bigint') out[index] = value;
          else out[index] = BigInt(this.#whole(value, dtype, given, -(2 ** 63), 2 ** 63 - 1));
        }
        return out;
      }
      default: {
        const [low, high] = INTEGER_RANGES[dtype];
        const Constructor =
          dtype === 'int32' ? Int32Array : dtype === 'int8' ? Int8Array : Uint8Array;
        const out = new Constructor(count);
        for (let index = 0; index < count; index++) {
          out[index] = this.#whole(Number(values[index]), dtype, given, low, high);
        }
        return out;
      }
    }
  }

  #whole(value: number, dtype: DType, given: FeedValue, low: number, high: number): number {
    if (Number.isInteger(value) && value >= low && value <= high) return value;
    throw this.#error(
      given,
      `it takes whole numbers from ${low} to ${high} (${dtype}), and ${value} is not one`,
      `${value} does not convert to ${dtype}`,
    );
  }

  #checkShape(tensor: Tensor): void {
    const shape = this.#shape;
    if (shape === null) return;
    if (shape.length !== tensor.dims.length) {
      throw this.#error(
        tensor,
        `it takes ${plural(shape.length, 'dimension')} and was given ${plural(tensor.dims.length, 'dimension')}`,
        `rank ${tensor.dims.length} ≠ ${shape.length}`,
      );
    }
    shape.forEach((dim, index) => {
      const fixed = typeof dim === 'number' ? dim : this.pinned[dim];
      if (fixed !== undefined && tensor.dims[index] !== fixed) {
        const pinnedNote =
          typeof dim === 'string' ? ` ("${dim}" is pinned to ${fixed} by the session options)` : '';
        throw this.#error(
          tensor,
          `its dimension ${index + 1} must be ${fixed}${pinnedNote}, and was given ${tensor.dims[index]}`,
          `dim ${index} is ${tensor.dims[index]}, expected ${fixed}`,
        );
      }
    });
  }

  #fits(dims: readonly number[]): boolean {
    const shape = this.#shape;
    if (shape === null) return true;
    if (shape.length !== dims.length) return false;
    return shape.every((dim, index) => {
      const size = this.#size(dim);
      return size === undefined || size === dims[index];
    });
  }

  #fillable(): boolean {
    return this.#shape === null || this.#shape.length <= 2;
  }

  /** A dim's size if known: fixed, pinned or bound by another input. */
  #size(dim: ShapeDim): number | undefined {
    if (typeof dim === 'number') return dim;
    return dim === '' ? undefined : this.bindings.get(dim);
  }

  #error(given: FeedValue, artist: string, technical: string): ModelInputError {
    const expected = describeSpec(this.spec, this.pinned);
    return new ModelInputError(
      'MODEL_INPUT_MISMATCH',
      this.model,
      this.spec.name,
      `The model "${this.model}" cannot use what was given for its input "${this.spec.name}": ${artist}. ${FIT_HINT} ` +
        `Details: input "${this.spec.name}" expects ${expected}, got ${describeValue(given)}; ${technical}.`,
    );
  }
}

const INTEGER_RANGES: Record<'int32' | 'int8' | 'uint8' | 'bool', [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int8: [-128, 127],
  uint8: [0, 255],
  bool: [0, 1],
};

function isDType(type: string): type is DType {
  return (DTYPES as readonly string[]).includes(type);
}

function category(dtype: DType): 'float' | 'int' | 'bool' {
  if (dtype === 'bool') return 'bool';
  return dtype.startsWith('float') ? 'float' : 'int';
}

function numbersOf(tensor: Tensor): ArrayLike<number | bigint> {
  if (tensor.dtype === 'float16') return float16ToFloat32(tensor.data as Uint16Array);
  return tensor.data;
}

function allWhole(tensor: Tensor): boolean {
  const values = numbersOf(tensor);
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (typeof value === 'number' && !Number.isInteger(value)) return false;
  }
  return true;
}
