/**
 * Values that flow along edges. Every value is a JSON-like tree whose leaves
 * may be tensors; that is what lets the disk cache store any node output
 * (tensors into safetensors, the rest into its JSON header). Handles (loaded
 * models and other live resources) live in memory only and opt out of the
 * disk tier.
 *
 * Conventions per value type (see docs/ARCHITECTURE.md):
 * - IMAGE: Tensor float32 [B, H, W, 3], RGB in [0, 1] (sRGB, not linear); or
 *   { image: that tensor, seeds: number[] } when a sampler made it, one seed
 *   per image (nodes/core/seededImage.ts; nodes read both through imageInput).
 * - MASK: Tensor float32 [B, H, W] in [0, 1], 1 = opaque/selected.
 * - TEXT: string; INT/FLOAT: number; BOOLEAN: boolean.
 */
import { Tensor } from './tensor.ts';

/**
 * A live resource (a loaded model, a session) that cannot be serialized.
 * A class, so that no user data shaped like it is ever mistaken for one.
 */
export abstract class Handle {
  /** What it is, for events and errors, e.g. "diffusion pipeline toy-sd". */
  abstract readonly label: string;
  /** Approximate bytes it holds, for the memory cache budget. */
  readonly bytes: number = 1024;
}

export type Value =
  | null
  | string
  | number
  | boolean
  | Tensor
  | Handle
  | readonly Value[]
  | { readonly [key: string]: Value };

export function isHandle(value: unknown): value is Handle {
  return value instanceof Handle;
}

/** Approximate memory held by a value, for the LRU byte budget. */
export function valueBytes(value: Value): number {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return 8;
  if (typeof value === 'string') return 2 * value.length + 16;
  if (value instanceof Tensor) return value.byteLength + 64;
  if (isHandle(value)) return value.bytes;
  if (Array.isArray(value))
    return (value as readonly Value[]).reduce<number>((n, v) => n + valueBytes(v), 16);
  let n = 16;
  for (const [k, v] of Object.entries(value as Record<string, Value>))
    n += 2 * k.length + valueBytes(v);
  return n;
}

/** A short, human-readable description of a value for events and errors. */
export function describeValue(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string')
    return value.length > 60 ? JSON.stringify(value.slice(0, 57) + '…') : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Tensor) return `${value.dtype}[${value.dims.join('×')}]`;
  if (isHandle(value)) return `<${value.label}>`;
  if (Array.isArray(value)) return `[${(value as readonly Value[]).length} items]`;
  return `{${Object.keys(value).join(', ')}}`;
}
