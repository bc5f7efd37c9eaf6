/**
 * The types a model's feeds are described in, the error for feeds that do not
 * fit, and the wording both use. Messages speak to the artist first (which
 * model, which input, what to check), then give the technical detail.
 */
import { NodeError } from '../../common/nodeApi.ts';
import { Tensor } from '../../common/tensor.ts';
import type { ShapeDim } from './inspect.ts';

/** An input or output as the session declares it. */
export interface TensorSpec {
  readonly name: string;
  /** ORT's element type name, or the kind of a non-tensor value ('sequence', …). */
  readonly dtype: string;
  /** null when the model declares no shape. */
  readonly shape: readonly ShapeDim[] | null;
}

export type FeedValue = Tensor | number | bigint | readonly number[];
export type Feeds = Readonly<Record<string, FeedValue>>;

export type ModelInputErrorCode =
  'MODEL_INPUT_MISMATCH' | 'MODEL_INPUT_MISSING' | 'MODEL_INPUT_UNKNOWN' | 'MODEL_OUTPUT_UNKNOWN';

/** Feeds (or fetched outputs) the layer could not match to the model; `message` is for the artist, ending with the technical detail. */
export class ModelInputError extends NodeError {
  readonly model: string;
  readonly input: string | undefined;
  constructor(
    code: ModelInputErrorCode,
    model: string,
    input: string | undefined,
    message: string,
  ) {
    super(code, message);
    this.name = 'ModelInputError';
    this.model = model;
    this.input = input;
  }
}

export const FIT_HINT =
  'This usually means the model does not fit the node it is used with (or it is an export variant Weft does not know).';

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

export function describeShape(
  shape: readonly ShapeDim[] | null,
  pinned: Readonly<Record<string, number>> = {},
): string {
  if (shape === null) return 'any shape';
  const dims = shape.map((dim) =>
    typeof dim === 'number'
      ? String(dim)
      : dim === ''
        ? '?'
        : pinned[dim] !== undefined
          ? `${dim}=${pinned[dim]}`
          : dim,
  );
  return `[${dims.join(', ')}]`;
}

export function describeSpec(
  spec: TensorSpec,
  pinned: Readonly<Record<string, number>> = {},
): string {
  if (spec.shape !== null && spec.shape.length === 0) return `${spec.dtype} scalar []`;
  return `${spec.dtype} ${describeShape(spec.shape, pinned)}`;
}

export function describeSpecs(
  specs: readonly TensorSpec[],
  pinned: Readonly<Record<string, number>>,
): string {
  return specs.map((spec) => `${spec.name} (${describeSpec(spec, pinned)})`).join(', ');
}

export function describeValue(value: FeedValue): string {
  if (value instanceof Tensor) return `${value.dtype} [${value.dims.join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${value}`;
  return `a list of ${plural(value.length, 'number')}`;
}
