/**
 * A diffusion pipeline folder (diffusers/optimum ONNX layout) as the nodes
 * use it: the handle from "Load diffusion pipeline", its small text files
 * read through ctx.models.readText, and its components opened through
 * ctx.models.open. Every failure becomes a NodeError naming the pipeline, the
 * file, what it is for and what to do.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { ModelHandle, RunnableModel } from '../../engine/common/models.ts';
import type { NodeContext, NodeInputs } from '../../engine/common/nodeApi.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';
import { modelInput } from '../core/inputs.ts';

/** The components a node may open, and what each is for (for messages). */
export const COMPONENTS = {
  text_encoder: 'the text encoder',
  text_encoder_2: 'the second text encoder, which SDXL needs',
  unet: 'the UNet',
  vae_decoder: 'the VAE decoder',
  vae_encoder: 'the VAE encoder, which image-to-image needs',
  controlnet: 'the ControlNet-capable UNet',
} as const;
export type Component = keyof typeof COMPONENTS;

export function pipelineInput(
  definition: NodeDefinition,
  inputs: NodeInputs,
  name = 'pipeline',
): ModelHandle {
  const handle = modelInput(definition, inputs, name);
  if (handle.summary.kind !== 'diffusion') {
    throw new NodeError(
      'INVALID_INPUT',
      `The "${name}" input needs a diffusion pipeline, but got the ${handle.summary.kind} model ${handle.summary.name}. Connect a "Load diffusion pipeline" node.`,
      name,
    );
  }
  return handle;
}

/** A path inside the pipeline folder; the engine resolves '/' on every platform. */
export function pipelinePath(pipeline: ModelHandle, relative: string): string {
  const folder = pipeline.summary.path.replace(/[\\/]+$/, '');
  return `${folder}/${relative}`;
}

/** Reads a pipeline file; `what` says what it is for. Undefined when optional and absent. */
export async function readPipelineText(
  ctx: NodeContext,
  pipeline: ModelHandle,
  relative: string,
  what: string,
  options: { optional: true },
): Promise<string | undefined>;
export async function readPipelineText(
  ctx: NodeContext,
  pipeline: ModelHandle,
  relative: string,
  what: string,
  options?: { optional?: false },
): Promise<string>;
export async function readPipelineText(
  ctx: NodeContext,
  pipeline: ModelHandle,
  relative: string,
  what: string,
  options: { optional?: boolean } = {},
): Promise<string | undefined> {
  try {
    return await ctx.models.readText(pipelinePath(pipeline, relative));
  } catch (error) {
    if (error instanceof NodeError && error.code === 'MODEL_FILE_NOT_FOUND') {
      if (options.optional) return undefined;
      throw new NodeError(
        'PIPELINE_FILE_MISSING',
        `The pipeline "${pipeline.summary.name}" has no ${relative} (${what}). Copy that file from the pipeline's export into ${pipeline.summary.path}, or pick a complete pipeline.`,
      );
    }
    throw error;
  }
}

/** Parses a pipeline JSON file, with a message naming it when it is broken. */
export function parsePipelineJson(pipeline: ModelHandle, relative: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new NodeError(
      'PIPELINE_FILE_INVALID',
      `The pipeline "${pipeline.summary.name}" has a broken ${relative} (${(error as Error).message}). Download that file again.`,
    );
  }
}

/**
 * A component's optimum-style config.json as an object (empty when absent),
 * parsed once per version of the file (several nodes read it every run).
 * Shared between runs: read it, never change it.
 */
export function componentConfig(
  ctx: NodeContext,
  pipeline: ModelHandle,
  component: Component,
): Promise<Readonly<Record<string, unknown>>> {
  const relative = `${component}/config.json`;
  return ctx.models.cached('component-config', [pipelinePath(pipeline, relative)], async () => {
    const text = await readPipelineText(ctx, pipeline, relative, 'its settings', {
      optional: true,
    });
    if (text === undefined) return {};
    const json = parsePipelineJson(pipeline, relative, text);
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  });
}

/** Opens `<component>/model.onnx` through the session pool. */
export async function openComponent(
  ctx: NodeContext,
  pipeline: ModelHandle,
  component: Component,
): Promise<RunnableModel> {
  const relative = `${component}/model.onnx`;
  try {
    return await ctx.models.open(pipelinePath(pipeline, relative));
  } catch (error) {
    if (error instanceof NodeError) throw error;
    if (isMissingFile(error)) {
      throw new NodeError(
        'PIPELINE_COMPONENT_MISSING',
        `The pipeline "${pipeline.summary.name}" has no ${relative} (${COMPONENTS[component]}). Copy it from the pipeline's export into ${pipeline.summary.path}, or pick a pipeline that has it.`,
      );
    }
    throw new NodeError(
      'PIPELINE_COMPONENT_UNAVAILABLE',
      `The pipeline "${pipeline.summary.name}" could not open ${relative} (${COMPONENTS[component]}): ${(error as Error).message}. Check that the file is there and complete (copy it from the pipeline's export), or pick another pipeline.`,
    );
  }
}

/**
 * The VAE scaling factor: vae_decoder/config.json (or the encoder's), else
 * the architecture's: 0.13025 for SDXL (a UNet that takes text_embeds), SD's
 * 0.18215 otherwise.
 */
export async function scalingFactor(ctx: NodeContext, pipeline: ModelHandle): Promise<number> {
  for (const component of ['vae_decoder', 'vae_encoder'] as const) {
    const value = (await componentConfig(ctx, pipeline, component)).scaling_factor;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return pipeline.summary.inputs.some((io) => io.name === 'text_embeds') ? 0.13025 : 0.18215;
}

/** A file-not-found error, possibly wrapped (the session pool keeps the fs error as its cause). */
function isMissingFile(error: unknown): boolean {
  for (let current = error; typeof current === 'object' && current !== null;) {
    if ((current as { code?: unknown }).code === 'ENOENT') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
