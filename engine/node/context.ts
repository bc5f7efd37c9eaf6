/**
 * Builds the `ctx` every node run receives. The executor calls this once per
 * node, passing the run's shared adapters and callbacks that turn progress
 * and log lines into events tagged with the node's id.
 */
import type { GraphFile } from '../common/graph/schema.ts';
import type { ModelAccess } from '../common/models.ts';
import type { ImageCodec, InputFiles, NodeContext, OutputWriter } from '../common/nodeApi.ts';
import { NodeError } from '../common/nodeApi.ts';
import { createRng } from '../common/rng.ts';
import type { Tensor } from '../common/tensor.ts';

export interface NodeContextOptions {
  nodeId: string;
  signal: AbortSignal;
  graph: GraphFile;
  images: ImageCodec;
  files: InputFiles;
  output: OutputWriter;
  /** The model library; absent where no models are available (then using one is a clear error). */
  models?: ModelAccess;
  onProgress: (step: number, total: number, preview?: Tensor<'float32'>) => void;
  /** Whether a preview now would be sent (the executor throttles them); always, when absent. */
  wantsPreview?: () => boolean;
  onLog: (level: 'info' | 'warn', message: string) => void;
}

export function createNodeContext(options: NodeContextOptions): NodeContext {
  const { onProgress, onLog } = options;
  return {
    nodeId: options.nodeId,
    signal: options.signal,
    graph: options.graph,
    images: options.images,
    files: options.files,
    output: options.output,
    models: options.models ?? NO_MODELS,
    progress(step, total, preview) {
      if (!Number.isFinite(step) || !Number.isFinite(total) || total <= 0) {
        throw new Error(`Progress needs a finite step and a total above 0, got ${step}/${total}`);
      }
      onProgress(Math.min(Math.max(step, 0), total), total, preview);
    },
    wantsPreview: options.wantsPreview ?? (() => true),
    log: {
      info: (message) => onLog('info', message),
      warn: (message) => onLog('warn', message),
    },
    rng: (seed) => createRng(seed),
  };
}

const NO_MODELS: ModelAccess = {
  list: () => [],
  find: () => undefined,
  open: (path) =>
    Promise.reject(
      new NodeError(
        'NO_MODEL_LIBRARY',
        `This run has no model library, so "${path}" cannot be opened.`,
      ),
    ),
  readText: (path) =>
    Promise.reject(
      new NodeError(
        'NO_MODEL_LIBRARY',
        `This run has no model library, so "${path}" cannot be read.`,
      ),
    ),
  // Nothing to keep: build reads through readText above, which says why it cannot.
  cached: (_name, _files, build) => build(),
};
