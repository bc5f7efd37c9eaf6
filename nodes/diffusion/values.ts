/**
 * The values the diffusion nodes pass along their edges, and reading them
 * back with a NodeError naming the input when one has the wrong shape. All
 * are plain Value trees of tensors and numbers, so they cache to disk.
 *
 * - LATENT: { samples: float32 [B, 4, h, w] } in the sampler's scaled latent
 *   space (VAE latents × scaling factor); a sampler's output adds `seeds`,
 *   the seed each image was sampled with (image b: seed + b), which VAE
 *   decode passes on to the IMAGE (nodes/core/seededImage.ts). Older values
 *   with one `seed` (image 0's) read as seeds seed, seed + 1, ….
 * - CONDITIONING: { embeds: float32 [1, 77·chunks, D], pooled: float32
 *   [1, P] } (SD: pooler_output, P = D; SDXL: text_encoder_2's text_embeds,
 *   D = D1 + D2), plus `size` from "SDXL size conditioning" (the time_ids;
 *   absent: the latent's own size, uncropped).
 * - CONTROL (on a CONTROLNET port, from Apply ControlNet): a list of applied
 *   ControlNets, each { name, path, image: float32 [1 or B, H, W, 3], strength,
 *   start, end }; the sampler opens each model by its path.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { ModelHandle } from '../../engine/common/models.ts';
import type { NodeInputs } from '../../engine/common/nodeApi.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { Value } from '../../engine/common/values.ts';
import { describeValue } from '../../engine/common/values.ts';

export interface Latent {
  samples: Tensor<'float32'>;
  /** One per image: the seed its noise came from; absent when no sampler made it. */
  seeds?: number[];
}

/**
 * SDXL's micro-conditioning (time_ids), in pixels, [height, width] and
 * [top, left]. A size of 0 means the latent's own (pixels = latent × 8).
 */
export interface SizeConditioning {
  original: [number, number];
  crop: [number, number];
  target: [number, number];
}

export interface Conditioning {
  embeds: Tensor<'float32'>;
  pooled: Tensor<'float32'>;
  size?: SizeConditioning;
}

export interface AppliedControl {
  /** The ControlNet's library name, for messages. */
  name: string;
  /** Its .onnx file. */
  path: string;
  image: Tensor<'float32'>;
  strength: number;
  /** Fractions of the steps: the ControlNet acts on steps i with i/n ≥ start and (i + 1)/n ≤ end. */
  start: number;
  end: number;
}

function label(definition: NodeDefinition, name: string): string {
  return definition.inputs.find((port) => port.name === name)?.label ?? name;
}

function invalid(definition: NodeDefinition, name: string, expected: string, value: Value) {
  return new NodeError(
    'INVALID_INPUT',
    `The "${label(definition, name)}" input must be ${expected}, got ${describeValue(value)}.`,
    name,
  );
}

function missing(definition: NodeDefinition, name: string, from: string) {
  return new NodeError(
    'MISSING_INPUT',
    `The "${label(definition, name)}" input is not connected. Connect it to ${from}.`,
    name,
  );
}

function record(value: Value): Readonly<Record<string, Value>> | undefined {
  return typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Tensor) &&
    !(value instanceof ModelHandle)
    ? (value as Readonly<Record<string, Value>>)
    : undefined;
}

function floatOfRank(value: Value | undefined, rank: number): value is Tensor<'float32'> {
  return value instanceof Tensor && value.dtype === 'float32' && value.dims.length === rank;
}

export function latentInput(definition: NodeDefinition, inputs: NodeInputs, name: string): Latent {
  const value = inputs[name];
  if (value === undefined)
    throw missing(definition, name, 'an Empty latent, VAE encode or Sampler');
  const fields = record(value);
  const samples = fields?.samples;
  if (!floatOfRank(samples, 4))
    throw invalid(definition, name, 'a latent ({ samples: float32 [B, 4, h, w] })', value);
  const seeds = seedsOf(fields, samples.dims[0] ?? 0);
  return seeds ? { samples, seeds } : { samples };
}

/** `seeds` (one number per image), or a legacy `seed` counted up per image. */
function seedsOf(
  fields: Readonly<Record<string, Value>> | undefined,
  batch: number,
): number[] | undefined {
  const seeds = fields?.seeds;
  if (
    Array.isArray(seeds) &&
    seeds.length === batch &&
    seeds.every((seed) => typeof seed === 'number')
  )
    return [...seeds];
  const seed = fields?.seed;
  if (typeof seed === 'number') return Array.from({ length: batch }, (_, b) => seed + b);
  return undefined;
}

/** A Latent as a Value (the interface has no index signature). */
export function latentValue(latent: Latent): Value {
  return latent.seeds
    ? { samples: latent.samples, seeds: latent.seeds }
    : { samples: latent.samples };
}

function sizeOf(value: Value | undefined): SizeConditioning | undefined {
  const fields = value === undefined ? undefined : record(value);
  const pair = (key: string): [number, number] | undefined => {
    const entry = fields?.[key];
    return Array.isArray(entry) &&
      entry.length === 2 &&
      entry.every((number) => typeof number === 'number')
      ? [entry[0] as number, entry[1] as number]
      : undefined;
  };
  const [original, crop, target] = [pair('original'), pair('crop'), pair('target')];
  return original && crop && target ? { original, crop, target } : undefined;
}

/** A Conditioning as a Value. */
export function conditioningValue(conditioning: Conditioning): Value {
  const { embeds, pooled, size } = conditioning;
  return size
    ? {
        embeds,
        pooled,
        size: { original: [...size.original], crop: [...size.crop], target: [...size.target] },
      }
    : { embeds, pooled };
}

export function conditioningInput(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name: string,
): Conditioning | undefined {
  const value = inputs[name];
  if (value === undefined) return undefined;
  const fields = record(value);
  const embeds = fields?.embeds;
  const pooled = fields?.pooled;
  if (!floatOfRank(embeds, 3) || !floatOfRank(pooled, 2) || embeds.dims[0] !== 1)
    throw invalid(definition, name, 'a conditioning from Text encode', value);
  const size = sizeOf(fields?.size);
  return size ? { embeds, pooled, size } : { embeds, pooled };
}

export function requiredConditioning(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name: string,
): Conditioning {
  const found = conditioningInput(definition, inputs, name);
  if (!found) throw missing(definition, name, 'a Text encode node');
  return found;
}

/** Applied ControlNets from Apply ControlNet; a bare loader handle here is a wiring mistake with its own message. */
export function controlInput(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name: string,
): AppliedControl[] {
  const value = inputs[name];
  if (value === undefined) return [];
  if (value instanceof ModelHandle) {
    throw new NodeError(
      'INVALID_INPUT',
      `The "${label(definition, name)}" input gets the ControlNet ${value.summary.name} straight from its loader; a ControlNet needs a control image. Put an Apply ControlNet node in between.`,
      name,
    );
  }
  if (!Array.isArray(value))
    throw invalid(definition, name, 'the output of Apply ControlNet', value);
  return (value as readonly Value[]).map((entry) => {
    const fields = record(entry);
    const image = fields?.image;
    const numbers = ['strength', 'start', 'end'].map((key) => fields?.[key]);
    if (
      typeof fields?.name !== 'string' ||
      typeof fields.path !== 'string' ||
      !floatOfRank(image, 4) ||
      !numbers.every((number) => typeof number === 'number')
    ) {
      throw invalid(definition, name, 'the output of Apply ControlNet', value);
    }
    const [strength, start, end] = numbers as [number, number, number];
    return { name: fields.name, path: fields.path, image, strength, start, end };
  });
}

/** AppliedControl as a Value (the interface has no index signature). */
export function controlValue(controls: readonly AppliedControl[]): Value {
  return controls.map((control) => ({ ...control }));
}
