/**
 * Test-only helpers for the diffusion nodes on the toy pipeline
 * (resources/fixture-models/toySd): run the nodes as a graph would, and
 * measure an image against the toy dataset. Pure (ctx comes in), so the
 * tests beside it share it; the pack never imports it.
 */
import type { ModelHandle } from '../../engine/common/models.ts';
import type {
  NodeContext,
  NodeImplementation,
  NodeInputs,
  NodeOutputs,
  NodeParams,
} from '../../engine/common/nodeApi.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import type { Value } from '../../engine/common/values.ts';
import { IMAGE_SIZE, ITEMS, datasetImage } from '../../resources/fixture-models/toySd/dataset.ts';
import { asSeededImage } from '../core/seededImage.ts';
import { emptyLatentNode } from './emptyLatent.ts';
import { samplerNode } from './sampler.ts';
import { textEncodeNode } from './textEncode.ts';
import { vaeDecodeNode } from './vaeDecode.ts';

/** Runs a node with its definition's defaults under the given params. */
export function runWithDefaults(
  node: NodeImplementation,
  inputs: NodeInputs,
  params: Partial<NodeParams>,
  ctx: NodeContext,
): Promise<NodeOutputs> {
  const effective: Record<string, NodeParams[string]> = {};
  for (const param of node.definition.params) effective[param.name] = param.default;
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) effective[name] = value;
  return node.run(inputs, effective, ctx);
}

export interface GenerateOptions {
  prompt: string;
  negative?: string;
  seed?: number;
  steps?: number;
  cfg?: number;
  sampler?: string;
  scheduler?: string;
  denoise?: number;
  batch?: number;
  /** A latent to start from (img2img); an empty 64 × 64 one otherwise. */
  latent?: Value;
  control?: Value;
}

/** Text encode → (empty latent) → sampler → VAE decode, as the txt2img graph wires them. */
export async function generate(
  ctx: NodeContext,
  pipeline: ModelHandle,
  options: GenerateOptions,
): Promise<{
  latent: { samples: Tensor<'float32'>; seeds: number[] };
  image: Tensor<'float32'>;
  /** The seeds VAE decode passed on with the images. */
  seeds: number[] | undefined;
}> {
  const encode = async (prompt: string) =>
    (await runWithDefaults(textEncodeNode, { pipeline }, { prompt }, ctx)).conditioning!;
  const latent =
    options.latent ??
    (
      await runWithDefaults(
        emptyLatentNode,
        {},
        { width: IMAGE_SIZE, height: IMAGE_SIZE, batch: options.batch ?? 1 },
        ctx,
      )
    ).latent!;
  const sampled = await runWithDefaults(
    samplerNode,
    {
      pipeline,
      positive: await encode(options.prompt),
      negative: await encode(options.negative ?? ''),
      latent,
      ...(options.control !== undefined ? { control: options.control } : {}),
    },
    {
      seed: options.seed ?? 0,
      steps: options.steps ?? 20,
      cfg: options.cfg ?? 7.5,
      sampler: options.sampler ?? 'euler',
      scheduler: options.scheduler ?? 'normal',
      denoise: options.denoise ?? 1,
    },
    ctx,
  );
  const decoded = await runWithDefaults(
    vaeDecodeNode,
    { pipeline, latent: sampled.latent! },
    {},
    ctx,
  );
  const seeded = asSeededImage(decoded.image);
  return {
    latent: sampled.latent as { samples: Tensor<'float32'>; seeds: number[] },
    image: seeded?.image ?? (decoded.image as Tensor<'float32'>),
    seeds: seeded?.seeds,
  };
}

const datasetImages = new Map<number, Tensor<'float32'>>();

/** Dataset item `index` as an IMAGE [1, 64, 64, 3] in [0, 1]. */
export function datasetTensor(index: number): Tensor<'float32'> {
  const cached = datasetImages.get(index);
  if (cached) return cached;
  const chw = datasetImage(ITEMS[index]!);
  const plane = IMAGE_SIZE * IMAGE_SIZE;
  const data = new Float32Array(plane * 3);
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < 3; c++) data[p * 3 + c] = (chw[c * plane + p]! + 1) / 2;
  const image = new Tensor('float32', [1, IMAGE_SIZE, IMAGE_SIZE, 3], data);
  datasetImages.set(index, image);
  return image;
}

/** Mean absolute difference between image `b` of a batch and a [1, H, W, 3] image. */
export function meanAbsoluteError(
  batch: Tensor<'float32'>,
  b: number,
  reference: Tensor<'float32'>,
): number {
  const size = reference.size;
  let sum = 0;
  for (let i = 0; i < size; i++) sum += Math.abs(batch.data[b * size + i]! - reference.data[i]!);
  return sum / size;
}

/** The dataset item closest to image `b` of a batch, and the mean absolute error to it. */
export function nearestItem(batch: Tensor<'float32'>, b = 0): { index: number; error: number } {
  let best = { index: -1, error: Infinity };
  for (const item of ITEMS) {
    const error = meanAbsoluteError(batch, b, datasetTensor(item.index));
    if (error < best.error) best = { index: item.index, error };
  }
  return best;
}
