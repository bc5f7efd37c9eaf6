/**
 * An IMAGE that knows the seed each of its images was made with.
 *
 * An IMAGE value is a Tensor float32 [B, H, W, 3]; VAE decode of a sampled
 * latent gives `{ image: Tensor, seeds: number[] }` instead (one seed per
 * image), and Save Image writes each file's seed into its PNG (`weft:seed`).
 * The record is plain data (a tensor and numbers), so it caches like any
 * value. Every node that reads an IMAGE through imageInput (inputs.ts) gets
 * the tensor either way; a node that keeps images one to one (resize, crop,
 * pad) passes the seeds on with `withSeedsOf`.
 */
import { Tensor } from '../../engine/common/tensor.ts';
import type { Value } from '../../engine/common/values.ts';

export interface SeededImage {
  image: Tensor<'float32'>;
  seeds: number[];
}

/** The record form, when `value` is one (the tensor must be an image). */
export function asSeededImage(value: Value | undefined): SeededImage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (value instanceof Tensor) return undefined;
  const fields = value as Readonly<Record<string, Value>>;
  const { image, seeds } = fields;
  if (!(image instanceof Tensor) || image.dtype !== 'float32' || image.dims.length !== 4)
    return undefined;
  if (
    !Array.isArray(seeds) ||
    seeds.length !== image.dims[0] ||
    !seeds.every((seed) => typeof seed === 'number')
  )
    return undefined;
  return { image: image as Tensor<'float32'>, seeds: [...seeds] };
}

/** An IMAGE value: the bare tensor, or the record when there is a seed per image. */
export function imageValue(image: Tensor<'float32'>, seeds: readonly number[] | undefined): Value {
  return seeds && seeds.length === image.dims[0] ? { image, seeds: [...seeds] } : image;
}

/** The seed of each image of an IMAGE value, or undefined when it carries none. */
export function imageSeeds(value: Value | undefined): number[] | undefined {
  return asSeededImage(value)?.seeds;
}

/** `output` (the same batch as the input IMAGE `input`) carrying the input's seeds. */
export function withSeedsOf(output: Tensor<'float32'>, input: Value | undefined): Value {
  return imageValue(output, imageSeeds(input));
}
