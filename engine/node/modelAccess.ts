/**
 * ctx.models for a node: the model library's entries and pooled ONNX
 * Runtime sessions. Opening a file records it (and its external weights) as
 * read, so a cached result computed with an older copy of the model is not
 * reused ([C8]).
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ModelAccess, ModelIo, ModelKind, RunnableModel } from '../common/models.ts';
import { NodeError } from '../common/nodeApi.ts';
import type { FileRead } from './io/inputFiles.ts';
import type { ModelEntry, ModelLibrary } from './models/library.ts';
import { toModelSummary } from './models/summary.ts';
import type { TensorSpec } from './onnx/feedErrors.ts';
import { OnnxModel } from './onnx/model.ts';
import type { SessionPool } from './onnx/sessionPool.ts';

export interface ModelAccessOptions {
  library: ModelLibrary | undefined;
  pool: SessionPool;
  onRead: (read: FileRead) => void;
  /** Told about each model opened, with the provider its session runs on. */
  onOpen?: (model: RunnableModel) => void;
}

export function createModelAccess(options: ModelAccessOptions): ModelAccess {
  const { library, pool, onRead, onOpen } = options;
  const usable = (entry: ModelEntry) => !entry.shadowed && entry.problems.length === 0;
  return {
    list: (kind: ModelKind) => (library?.list(kind) ?? []).filter(usable).map(toModelSummary),
    find(kind, name) {
      const entry = library?.find(kind, name);
      return entry && usable(entry) ? toModelSummary(entry) : undefined;
    },
    async open(path) {
      const model = await OnnxModel.load(pool, path);
      // External weights are named relative to the model file.
      const weights = model.info.externalData.map((location) => resolve(dirname(path), location));
      for (const file of [path, ...weights]) {
        const info = await stat(file);
        onRead({ path: file, size: info.size, mtimeMs: info.mtimeMs });
      }
      const opened = runnable(model);
      onOpen?.(opened);
      return opened;
    },
    async readText(path) {
      const file = resolve(path);
      const roots = library?.sources.map((source) => source.root) ?? [];
      if (!roots.some((root) => inside(root, file))) {
        throw new NodeError(
          'MODEL_FILE_OUTSIDE_LIBRARY',
          `"${path}" is not inside a model library folder, so it cannot be read as part of a model.`,
        );
      }
      let info;
      let text;
      try {
        info = await stat(file);
        text = await readFile(file, 'utf8');
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new NodeError(
          code === 'ENOENT' ? 'MODEL_FILE_NOT_FOUND' : 'MODEL_FILE_UNREADABLE',
          code === 'ENOENT'
            ? `The model file "${file}" does not exist.`
            : `The model file "${file}" could not be read (${(error as Error).message}).`,
        );
      }
      onRead({ path: file, size: info.size, mtimeMs: info.mtimeMs });
      return text;
    },
  };
}

function inside(root: string, file: string): boolean {
  const path = relative(root, file);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

function runnable(model: OnnxModel): RunnableModel {
  return {
    name: model.name,
    path: model.path,
    get provider() {
      return model.provider;
    },
    get inputs() {
      return model.inputs.map(toIo);
    },
    get outputs() {
      return model.outputs.map(toIo);
    },
    // Nodes work in float32; float16 models are converted at the boundary.
    run: (feeds, runOptions) =>
      model.run(feeds, {
        outputs: 'float32',
        ...(runOptions?.signal ? { signal: runOptions.signal } : {}),
      }),
  };
}

function toIo(spec: TensorSpec): ModelIo {
  return { name: spec.name, dtype: spec.dtype, shape: spec.shape ? [...spec.shape] : [] };
}
