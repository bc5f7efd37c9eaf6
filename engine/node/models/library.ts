/**
 * The model library: the user's folder, extra search paths and the bundled
 * fixture models, each laid out as `<folder>/<kind>/…` (findCandidates.ts
 * says what counts as a model). `scan()` recognises every model and hashes
 * new or changed files; manifests (manifests.ts) make a rescan of an
 * unchanged library cost a stat per file.
 *
 * Priority: the library folder, then the search paths in order, then the
 * bundled fixtures. A model of the same kind and name in a later folder is
 * listed but shadowed; `find` returns the first.
 */
import { mkdir, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Candidate, FoundFile } from './findCandidates.ts';
import { absoluteFile, findCandidates } from './findCandidates.ts';
import type { HashFile } from './hashFile.ts';
import { sha256File, treeHash } from './hashFile.ts';
import type { ModelFamily, ModelKind } from './kinds.ts';
import { FAMILY_TITLES, MODEL_KINDS } from './kinds.ts';
import type { Manifest } from './manifests.ts';
import { ManifestStore } from './manifests.ts';
import type { InspectModel, ModelInfo } from './modelInfo.ts';
import { inspectFile } from './modelInfo.ts';
import { recogniseCandidate } from './recogniseCandidate.ts';
import type { ModelDetails } from './recognition.ts';
import { RECOGNISER_VERSION } from './recognition.ts';

export type ModelSourceType = 'library' | 'search-path' | 'bundled';

export interface ModelSource {
  type: ModelSourceType;
  root: string;
}

export interface ModelFile {
  /** Absolute. */
  path: string;
  size: number;
  sha256?: string;
}

export interface ModelEntry {
  name: string;
  /** A single ONNX file (with its external data), or a diffusion pipeline folder. */
  type: 'file' | 'pipeline';
  kind: ModelKind;
  family: ModelFamily;
  variant?: string;
  /** The pipeline folder, or the .onnx file. */
  path: string;
  /** Bytes, all files together (external weights included). */
  size: number;
  /** The .onnx file's sha256, or for a pipeline folder the tree hash of its files (hashFile.ts). */
  sha256?: string;
  files: ModelFile[];
  /** Each ONNX file's inputs, outputs and metadata: `model`, or a pipeline's component names. */
  io: Record<string, ModelInfo>;
  details: ModelDetails;
  /** What stops it from working; empty when usable. */
  problems: string[];
  notes: string[];
  source: ModelSource;
  /** A model of the same kind and name in an earlier folder hides this one. */
  shadowed: boolean;
  /** True when this scan hashed it (new or changed); false when its manifest was reused. */
  hashed: boolean;
}

export interface ScanProgress {
  /** "<kind>/<name>" */
  model: string;
  file: string;
  bytes: number;
  total: number;
}

export interface ScanOptions {
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
}

export interface ModelLibraryOptions {
  /** The user's library folder; created (with a folder per kind) when missing. */
  root: string;
  searchPaths?: readonly string[];
  /** The repository's fixture models (resources/fixtures/models). */
  bundled?: string;
  /** Where manifests of read-only folders are kept. */
  cacheDir?: string;
  /** Reads a file's I/O; the streaming ONNX reader by default (tests count or fake it). */
  inspect?: InspectModel;
  hashFile?: HashFile;
  onWarning?: (message: string) => void;
}

export interface VerifyResult {
  entry: ModelEntry;
  /** ok: every file matches its manifest; recorded: first seen by this scan, nothing older to compare. */
  status: 'ok' | 'changed' | 'missing' | 'recorded';
  changed: { path: string; expected: string; actual: string }[];
  missing: string[];
  /** The recomputed hash (the tree hash for a pipeline). */
  sha256?: string;
}

export class ModelLibrary {
  readonly sources: readonly ModelSource[];
  #entries: ModelEntry[] | undefined;

  private constructor(
    readonly options: ModelLibraryOptions,
    sources: ModelSource[],
  ) {
    this.sources = sources;
  }

  static async open(options: ModelLibraryOptions): Promise<ModelLibrary> {
    const root = resolve(options.root);
    for (const kind of MODEL_KINDS) await mkdir(resolve(root, kind), { recursive: true });
    const seen = new Set<string>();
    const sources: ModelSource[] = [];
    const add = (type: ModelSourceType, path: string) => {
      const absolute = resolve(path);
      if (seen.has(absolute)) return;
      seen.add(absolute);
      sources.push({ type, root: absolute });
    };
    add('library', root);
    for (const path of options.searchPaths ?? []) add('search-path', path);
    if (options.bundled) add('bundled', options.bundled);
    return new ModelLibrary(options, sources);
  }

  async scan(options: ScanOptions = {}): Promise<ModelEntry[]> {
    const entries: ModelEntry[] = [];
    for (const source of this.sources) {
      const store = await ManifestStore.load(source.root, this.options.cacheDir);
      const candidates = await findCandidates(source.root);
      try {
        for (const candidate of candidates) {
          options.signal?.throwIfAborted();
          entries.push(await this.#entryFor(candidate, source, store, options));
        }
        store.keepOnly(new Set(candidates.map((candidate) => candidate.key)));
      } finally {
        // Also when cancelled: the models hashed so far are not hashed again.
        const warning = await store.save();
        if (warning) this.options.onWarning?.(warning);
      }
    }
    markShadowed(entries);
    this.#entries = entries.sort(byKindThenName);
    return this.#entries;
  }

  /** The models of the last scan, of one kind or all. */
  list(kind?: ModelKind): ModelEntry[] {
    const entries = this.#scanned();
    return kind ? entries.filter((entry) => entry.kind === kind) : [...entries];
  }

  /** The model a graph means by (kind, name): the first folder's, by priority. */
  find(kind: ModelKind, name: string): ModelEntry | undefined {
    const wanted = name.replace(/\.onnx$/i, '');
    return this.#scanned().find(
      (entry) => entry.kind === kind && !entry.shadowed && entry.name === wanted,
    );
  }

  /** Recomputes every file's sha256 and compares it with the manifest's. */
  async verify(entry: ModelEntry, options: ScanOptions = {}): Promise<VerifyResult> {
    if (entry.hashed)
      return { entry, status: 'recorded', changed: [], missing: [], ...hashOf(entry) };
    const hashFile = this.options.hashFile ?? sha256File;
    const changed: VerifyResult['changed'] = [];
    const missing: string[] = [];
    const actual: { path: string; sha256: string }[] = [];
    for (const file of entry.files) {
      const exists = await stat(file.path).catch(() => undefined);
      if (!exists) {
        missing.push(file.path);
        continue;
      }
      const sha256 = await hashFile(
        file.path,
        (bytes) =>
          options.onProgress?.({
            model: `${entry.kind}/${entry.name}`,
            file: file.path,
            bytes,
            total: exists.size,
          }),
        options.signal,
      );
      actual.push({ path: file.path, sha256 });
      if (file.sha256 !== undefined && file.sha256 !== sha256)
        changed.push({ path: file.path, expected: file.sha256, actual: sha256 });
    }
    const status = missing.length > 0 ? 'missing' : changed.length > 0 ? 'changed' : 'ok';
    const sha256 =
      missing.length > 0
        ? undefined
        : entry.type === 'file'
          ? actual[0]?.sha256
          : treeHash(
              actual.map((file) => ({
                path: relativeTo(entry.path, file.path),
                sha256: file.sha256,
              })),
            );
    return { entry, status, changed, missing, ...(sha256 ? { sha256 } : {}) };
  }

  #scanned(): ModelEntry[] {
    if (!this.#entries) throw new Error('ModelLibrary: call scan() before list() or find().');
    return this.#entries;
  }

  async #entryFor(
    candidate: Candidate,
    source: ModelSource,
    store: ManifestStore,
    options: ScanOptions,
  ): Promise<ModelEntry> {
    const old = store.get(candidate.key);
    const known = new Map((old?.files ?? []).map((file) => [file.path, file]));
    const unchanged = (file: FoundFile) => {
      const before = known.get(file.path);
      return before !== undefined && before.size === file.size && before.mtimeMs === file.mtimeMs;
    };
    const reusable =
      old !== undefined &&
      old.recogniser === RECOGNISER_VERSION &&
      old.files.length === candidate.files.length &&
      candidate.files.every((file) => unchanged(file) && known.get(file.path)?.sha256);
    if (reusable) return toEntry(candidate, source, old, false);

    const { recognition, io } = await recogniseCandidate(
      candidate,
      this.options.inspect ?? inspectFile,
    );
    const hashFile = this.options.hashFile ?? sha256File;
    const files: Manifest['files'] = [];
    for (const file of candidate.files) {
      options.signal?.throwIfAborted();
      const before = known.get(file.path);
      let sha256 = unchanged(file) ? before?.sha256 : undefined;
      if (sha256 === undefined) {
        const path = absoluteFile(candidate, file);
        sha256 = await hashFile(
          path,
          (bytes) =>
            options.onProgress?.({
              model: `${candidate.folderKind}/${candidate.name}`,
              file: path,
              bytes,
              total: file.size,
            }),
          options.signal,
        ).catch(() => undefined);
        // A file that changed while it was hashed is hashed again next scan.
        const after = await stat(path).catch(() => undefined);
        if (!after || after.size !== file.size || after.mtimeMs !== file.mtimeMs)
          sha256 = undefined;
      }
      files.push({ ...file, ...(sha256 ? { sha256 } : {}) });
    }
    const kind = recognition.kind ?? candidate.folderKind;
    const notes = [...recognition.notes];
    if (kind !== candidate.folderKind)
      notes.push(
        `It is in ${candidate.folderKind}/ but is a ${FAMILY_TITLES[recognition.family]} model, so Weft lists it under ${kind}.`,
      );
    const manifest: Manifest = {
      name: candidate.name,
      kind,
      family: recognition.family,
      ...(recognition.variant !== undefined ? { variant: recognition.variant } : {}),
      size: files.reduce((total, file) => total + file.size, 0),
      ...hashOfFiles(candidate, files),
      files,
      io,
      details: { ...recognition.details },
      problems: recognition.problems,
      notes,
      recogniser: RECOGNISER_VERSION,
    };
    store.set(candidate.key, manifest);
    return toEntry(candidate, source, manifest, true);
  }
}

function hashOfFiles(candidate: Candidate, files: Manifest['files']): { sha256?: string } {
  if (files.length === 0 || files.some((file) => file.sha256 === undefined)) return {};
  if (candidate.type === 'file') return { sha256: files[0]!.sha256! };
  return {
    sha256: treeHash(files.map((file) => ({ path: file.path, sha256: file.sha256! }))),
  };
}

function hashOf(entry: ModelEntry): { sha256?: string } {
  return entry.sha256 ? { sha256: entry.sha256 } : {};
}

function relativeTo(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}

function toEntry(
  candidate: Candidate,
  source: ModelSource,
  manifest: Manifest,
  hashed: boolean,
): ModelEntry {
  return {
    name: manifest.name,
    type: candidate.type,
    kind: manifest.kind,
    family: manifest.family,
    ...(manifest.variant !== undefined ? { variant: manifest.variant } : {}),
    path: candidate.path,
    size: manifest.size,
    ...(manifest.sha256 !== undefined ? { sha256: manifest.sha256 } : {}),
    files: manifest.files.map((file) => ({
      path: absoluteFile(candidate, file),
      size: file.size,
      ...(file.sha256 !== undefined ? { sha256: file.sha256 } : {}),
    })),
    io: manifest.io,
    details: manifest.details,
    problems: manifest.problems,
    notes: manifest.notes,
    source,
    shadowed: false,
    hashed,
  };
}

/** Entries arrive in priority order; a later one with the same kind and name is shadowed. */
function markShadowed(entries: ModelEntry[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = `${entry.kind}\u0000${entry.name}`;
    entry.shadowed = seen.has(key);
    seen.add(key);
  }
}

const SOURCE_ORDER: Record<ModelSourceType, number> = { library: 0, 'search-path': 1, bundled: 2 };

function byKindThenName(a: ModelEntry, b: ModelEntry): number {
  return (
    MODEL_KINDS.indexOf(a.kind) - MODEL_KINDS.indexOf(b.kind) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    Number(a.shadowed) - Number(b.shadowed) ||
    SOURCE_ORDER[a.source.type] - SOURCE_ORDER[b.source.type]
  );
}
