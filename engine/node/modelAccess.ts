/**
 * ctx.models for a node: the model library's entries and pooled ONNX
 * Runtime sessions. Opening a file records it (and its external weights) as
 * read, so a cached result computed with an older copy of the model is not
 * reused ([C8]).
 *
 * What repeats from run to run is kept (bench/pipeline measured it): small
 * text files and values derived from model files (`cached`, e.g. a parsed
 * tokenizer) live in a DerivedCache keyed by the files' size and mtime, so a
 * run checks them with one stat each instead of re-reading and re-parsing;
 * and with `atEnd`, a model the node opens stays leased to it until the node
 * ends, so its runs skip the session pool's file check. Those stats are
 * synchronous on purpose: ~3 µs each on a local disk, against ~30 µs for a
 * promise stat on an idle machine and much more on a busy one (a thread-pool
 * round trip on the run's critical path).
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ModelAccess, ModelIo, ModelKind, RunnableModel } from '../common/models.ts';
import { NodeError } from '../common/nodeApi.ts';
import { DerivedCache } from './cache/derivedCache.ts';
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
  /**
   * Registers work for when the node has finished. Given, each model the
   * node opens keeps its session leased until then (see OnnxModel's `hold`);
   * without it, each model run leases a session of its own.
   */
  atEnd?: (cleanup: () => void) => void;
  /** Text and derived values kept across nodes and runs (the engine shares one); a fresh one when absent. */
  derived?: DerivedCache;
}

/** Text files up to this size are kept in memory between reads (configs, not vocabularies). */
const KEPT_TEXT_BYTES = 64 * 1024;

export function createModelAccess(options: ModelAccessOptions): ModelAccess {
  const { library, pool, onRead, onOpen, atEnd } = options;
  const derived = options.derived ?? new DerivedCache();
  const usable = (entry: ModelEntry) => !entry.shadowed && entry.problems.length === 0;
  return {
    list: (kind: ModelKind) => (library?.list(kind) ?? []).filter(usable).map(toModelSummary),
    find(kind, name) {
      const entry = library?.find(kind, name);
      return entry && usable(entry) ? toModelSummary(entry) : undefined;
    },
    async open(path) {
      const model = await OnnxModel.load(pool, path, {}, { hold: atEnd !== undefined });
      atEnd?.(() => model.release());
      // The pool has just checked the model file; its external weights are named relative to it.
      onRead({ path, size: model.file.size, mtimeMs: model.file.mtimeMs });
      for (const location of model.info.externalData) {
        const file = resolve(dirname(path), location);
        const info = statSync(file);
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
        info = statSync(file);
        const read = () => readFile(file, 'utf8');
        text =
          info.size <= KEPT_TEXT_BYTES
            ? await derived.get(`text\0${file}`, identity(info), read)
            : await read();
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
    async cached(name, files, build) {
      const reads = files.map((path): FileRead | undefined => {
        // Absent (an optional file) is part of the identity too; build says whether it matters.
        const info = statSync(path, { throwIfNoEntry: false });
        return info && { path, size: info.size, mtimeMs: info.mtimeMs };
      });
      let built = false;
      const value = await derived.get(
        `${name}\0${files.join('\0')}`,
        reads.map((read) => (read ? identity(read) : '-')).join('|'),
        () => {
          built = true; // build reads the files through readText, which records them
          return build();
        },
      );
      if (!built) for (const read of reads) if (read) onRead(read);
      return value;
    },
  };
}

function identity(file: { size: number; mtimeMs: number }): string {
  return `${file.size}:${file.mtimeMs}`;
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
