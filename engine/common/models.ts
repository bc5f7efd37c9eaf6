/**
 * What nodes see of models: library entries (kind, family, I/O) and runnable
 * models, reached through `ctx.models` so a node never imports
 * onnxruntime-node. Loader nodes pass a ModelHandle downstream; the node that
 * uses it opens the file through ctx.models (sessions are pooled there).
 * Pure: types plus one Handle class.
 */
import type { Tensor } from './tensor.ts';
import { Handle } from './values.ts';

export const MODEL_KINDS = [
  'diffusion',
  'controlnet',
  'vocoder',
  'interpolation',
  'depth',
  'onnx',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export interface ModelIo {
  name: string;
  dtype: string;
  /** Fixed sizes as numbers, free ones by their symbolic name ("batch"). */
  shape: (number | string)[];
}

export interface ModelSummary {
  name: string;
  kind: ModelKind;
  /** The recognised export family: "sd15", "sdxl", "rife-7ch", "hifigan", "generic", … */
  family: string;
  /** The .onnx file, or the pipeline folder for diffusion models. */
  path: string;
  inputs: ModelIo[];
  outputs: ModelIo[];
}

export type ModelFeed = Tensor | number | bigint | readonly number[];

export interface RunnableModel {
  /** The file name, for messages. */
  readonly name: string;
  readonly path: string;
  /** The execution provider the session actually runs on ("cpu", "cuda", …). */
  readonly provider: string;
  readonly inputs: readonly ModelIo[];
  readonly outputs: readonly ModelIo[];
  /** Runs with inputs adapted to the model (int32/int64 ids, timestep dtype and rank, float16). */
  run(
    feeds: Readonly<Record<string, ModelFeed>>,
    options?: { signal?: AbortSignal },
  ): Promise<Record<string, Tensor>>;
}

export interface ModelAccess {
  /** Entries of the model library of one kind (for dropdowns and messages). */
  list(kind: ModelKind): ModelSummary[];
  find(kind: ModelKind, name: string): ModelSummary | undefined;
  /**
   * Opens an ONNX file through the session pool; the file counts as read
   * ([C8]). In a run, the session stays leased to the node until it ends, so
   * the node's runs all use the version of the file it opened.
   */
  open(path: string): Promise<RunnableModel>;
  /**
   * Reads a UTF-8 text file inside a library model's folder (a pipeline's
   * tokenizer files, scheduler_config.json, a component's config.json); paths
   * outside the library's folders are refused. The file counts as read ([C8]).
   */
  readText(path: string): Promise<string>;
  /**
   * A value built from files of a library model (a parsed tokenizer), kept by
   * the engine across nodes and runs while those files are unchanged: `build`
   * runs only when nothing is kept under `name` for `files` as they are now.
   * `build` must depend on those files alone (read through readText) and
   * must not change what it returns. The files count as read ([C8]) either way.
   */
  cached<T>(name: string, files: readonly string[], build: () => Promise<T>): Promise<T>;
}

/** A loaded model travelling along an edge (DIFFUSION_PIPELINE, CONTROLNET, VOCODER, …). */
export class ModelHandle extends Handle {
  readonly summary: ModelSummary;
  constructor(summary: ModelSummary) {
    super();
    this.summary = summary;
  }
  get label(): string {
    return `${this.summary.kind} model ${this.summary.name}`;
  }
}
