/**
 * ONNX Runtime sessions, created once per (model file, provider setting,
 * session options) and reused by every node that runs the model.
 *
 * Contracts:
 * - A model file is identified by realpath + size + mtime: a replaced file
 *   gets a new session, and the old one is released once nobody uses it.
 *   (The external data files are not part of the identity; a re-download
 *   rewrites model.onnx too.)
 * - Sessions are loaded BY PATH, so ONNX Runtime finds external data files
 *   (model.onnx_data, weights.pb) beside the model.
 * - Concurrent requests for one key share a single creation.
 * - A session is used under a lease; sessions with a lease out are never
 *   released. Idle ones are released least recently used first while the
 *   estimated total passes the budget (before a new one is created, so its
 *   memory is free first). The estimate of a session is its model file plus
 *   its external data files: the weights dominate what a session holds.
 * - The provider used (after any fallback to the CPU) comes with the lease.
 *
 * `freeDimensionOverrides` is passed to ORT and is part of the key, but the
 * onnxruntime-node 1.30 binding ignores it (its options parser never reads
 * it: a session created with { batch: 2 } still accepts batch 3), so
 * OnnxModel enforces the pinned sizes itself.
 *
 * Known ORT issue: repeated create/release grows memory, another reason to
 * reuse sessions rather than recreate them per run.
 */
import { realpathSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type * as ort from 'onnxruntime-node';
import type { ModelInfo } from './inspect.ts';
import { inspectModel } from './inspect.ts';
import type {
  ProviderEnvironment,
  ProviderFallback,
  ProviderName,
  ProviderSetting,
  ProviderStatus,
} from './providers.ts';
import {
  PROVIDER_SETTINGS,
  createSession,
  currentProviderEnvironment,
  detectProviders,
  providerOrder,
} from './providers.ts';

export interface SessionOptions {
  /** Defaults to the pool's setting. */
  readonly provider?: ProviderSetting;
  /** Pins symbolic dims (e.g. { batch: 2 }); enforced by OnnxModel, see above. */
  readonly freeDimensionOverrides?: Readonly<Record<string, number>>;
  readonly graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  readonly intraOpNumThreads?: number;
  readonly interOpNumThreads?: number;
  readonly executionMode?: 'sequential' | 'parallel';
}

export interface SessionLease {
  readonly session: ort.InferenceSession;
  /** The provider the session actually runs on. */
  readonly provider: ProviderName;
  /** What the file declares (inspectModel), read when the session was created. */
  readonly info: ModelInfo;
  /** The options the session was created with, provider resolved. */
  readonly options: SessionOptions & { readonly provider: ProviderSetting };
  /** The model file as it was when this lease was taken (real path, size, mtime). */
  readonly file: { readonly realPath: string; readonly size: number; readonly mtimeMs: number };
  /** Ends the lease (idempotent); the session may then be released. */
  release(): void;
}

export interface SessionPoolOptions {
  /** Estimated bytes of idle sessions to keep (default 8 GiB). */
  readonly budgetBytes?: number;
  /** The provider setting for requests that name none (default 'auto'). */
  readonly provider?: ProviderSetting;
  /** Told whenever a GPU provider would not start and another was used. */
  readonly onFallback?: (fallback: ProviderFallback) => void;
  /** ORT's log level for sessions (default 3, errors only: no warnings on a CLI's stderr). */
  readonly logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  readonly environment?: ProviderEnvironment;
}

export interface SessionPoolStats {
  readonly sessions: number;
  readonly inUse: number;
  readonly bytes: number;
  readonly created: number;
  readonly released: number;
}

export const DEFAULT_SESSION_BUDGET_BYTES = 8 * 1024 ** 3;

interface Ready {
  session: ort.InferenceSession;
  provider: ProviderName;
  info: ModelInfo;
}

interface Entry {
  readonly key: string;
  readonly realPath: string;
  readonly identity: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly options: SessionOptions & { readonly provider: ProviderSetting };
  readonly ready: Promise<Ready>;
  settled: Ready | undefined;
  bytes: number;
  leases: number;
  stale: boolean;
}

export class SessionPool {
  readonly budgetBytes: number;
  readonly defaultProvider: ProviderSetting;
  readonly #onFallback: (fallback: ProviderFallback) => void;
  readonly #logSeverityLevel: 0 | 1 | 2 | 3 | 4;
  readonly #environment: ProviderEnvironment;
  #statuses: ProviderStatus[] | undefined;
  /** In least-recently-used order: a use re-inserts the entry. */
  readonly #entries = new Map<string, Entry>();
  #created = 0;
  #released = 0;
  #closed = false;

  constructor(options: SessionPoolOptions = {}) {
    const budget = options.budgetBytes ?? DEFAULT_SESSION_BUDGET_BYTES;
    if (!(budget >= 0))
      throw new Error(`The session budget must be 0 or more bytes, got ${budget}.`);
    this.budgetBytes = budget;
    this.defaultProvider = options.provider ?? 'auto';
    this.#onFallback = options.onFallback ?? (() => undefined);
    this.#logSeverityLevel = options.logSeverityLevel ?? 3;
    this.#environment = options.environment ?? currentProviderEnvironment();
  }

  /** What this machine offers (detected once). */
  providers(): readonly ProviderStatus[] {
    this.#statuses ??= detectProviders(this.#environment);
    return this.#statuses;
  }

  get stats(): SessionPoolStats {
    let bytes = 0;
    let inUse = 0;
    for (const entry of this.#entries.values()) {
      bytes += entry.bytes;
      if (entry.leases > 0) inUse++;
    }
    return {
      sessions: this.#entries.size,
      inUse,
      bytes,
      created: this.#created,
      released: this.#released,
    };
  }

  async acquire(path: string, options: SessionOptions = {}): Promise<SessionLease> {
    if (this.#closed) throw new Error('The session pool is closed.');
    const canonical = canonicalOptions(options, this.defaultProvider);
    const { realPath, size, mtimeMs } = fileIdentity(path);
    const identity = `${size}:${mtimeMs}`;
    const key = `${realPath}\0${identity}\0${JSON.stringify(canonical)}`;
    this.#retireOlderVersions(realPath, identity);

    let entry = this.#entries.get(key);
    if (entry === undefined) {
      const fresh = {
        key,
        realPath,
        identity,
        size,
        mtimeMs,
        options: canonical,
        settled: undefined,
        bytes: 0,
        leases: 0,
        stale: false,
      };
      entry = Object.assign(fresh, { ready: this.#create(fresh) });
      entry.ready.catch(() => undefined); // the acquirers below see the error
    } else {
      this.#entries.delete(key);
    }
    this.#entries.set(key, entry); // most recently used
    entry.leases++;
    let ready: Ready;
    try {
      ready = await entry.ready;
    } catch (error) {
      entry.leases--;
      throw error;
    }
    return this.#lease(entry, ready);
  }

  /** Runs `use` under a lease, ending it however `use` ends. */
  async withSession<T>(
    path: string,
    options: SessionOptions,
    use: (lease: SessionLease) => Promise<T>,
  ): Promise<T> {
    const lease = await this.acquire(path, options);
    try {
      return await use(lease);
    } finally {
      lease.release();
    }
  }

  /** Releases idle sessions now; sessions in use are released when their lease ends. */
  async close(): Promise<void> {
    this.#closed = true;
    const releases: Promise<void>[] = [];
    for (const entry of this.#entries.values()) {
      entry.stale = true;
      if (entry.leases === 0 && entry.settled) releases.push(this.#dispose(entry));
    }
    await Promise.all(releases);
  }

  async #create(entry: Omit<Entry, 'ready'>): Promise<Ready> {
    try {
      const info = await inspectModel(entry.realPath);
      entry.bytes = await estimateBytes(entry.realPath, info);
      await this.#evictToBudget();
      const statuses = this.providers();
      const { session, provider } = await createSession(
        entry.realPath,
        sessionOptions(entry.options, this.#logSeverityLevel),
        providerOrder(entry.options.provider, statuses, this.#environment.platform),
        statuses,
        this.#onFallback,
      );
      this.#created++;
      entry.settled = { session, provider, info };
      return entry.settled;
    } catch (error) {
      if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
      throw error;
    }
  }

  #lease(entry: Entry, ready: Ready): SessionLease {
    let released = false;
    return {
      session: ready.session,
      provider: ready.provider,
      info: ready.info,
      options: entry.options,
      file: { realPath: entry.realPath, size: entry.size, mtimeMs: entry.mtimeMs },
      release: () => {
        if (released) return;
        released = true;
        entry.leases--;
        if (entry.leases > 0) return;
        if (entry.stale) void this.#dispose(entry);
        else void this.#evictToBudget();
      },
    };
  }

  /** A file replaced under the same path: its older sessions go once idle. */
  #retireOlderVersions(realPath: string, identity: string): void {
    for (const entry of [...this.#entries.values()]) {
      if (entry.realPath !== realPath || entry.identity === identity) continue;
      entry.stale = true;
      if (entry.leases === 0 && entry.settled) void this.#dispose(entry);
    }
  }

  async #evictToBudget(): Promise<void> {
    const releases: Promise<void>[] = [];
    let total = 0;
    for (const entry of this.#entries.values()) total += entry.bytes;
    for (const entry of [...this.#entries.values()]) {
      if (total <= this.budgetBytes) break;
      if (entry.leases > 0 || entry.settled === undefined) continue;
      total -= entry.bytes;
      releases.push(this.#dispose(entry));
    }
    await Promise.all(releases);
  }

  async #dispose(entry: Entry): Promise<void> {
    if (this.#entries.get(entry.key) !== entry || entry.settled === undefined) return;
    this.#entries.delete(entry.key);
    this.#released++;
    await entry.settled.session.release().catch(() => undefined); // nothing left to do with it
  }
}

/**
 * The file's real path, size and mtime, read synchronously: two system calls
 * of ~3–10 µs on a local disk, where the promise versions cost ~30 µs each on
 * an idle machine and far more on a busy one (a thread-pool round trip,
 * bench/pipeline), and every model a node opens goes through here.
 */
function fileIdentity(path: string): { realPath: string; size: number; mtimeMs: number } {
  let realPath: string;
  try {
    realPath = realpathSync.native(path);
  } catch (error) {
    throw new Error(`The model file "${path}" cannot be opened: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const { size, mtimeMs } = statSync(realPath);
  return { realPath, size, mtimeMs };
}

function canonicalOptions(
  options: SessionOptions,
  defaultProvider: ProviderSetting,
): SessionOptions & { provider: ProviderSetting } {
  const overrides = options.freeDimensionOverrides;
  if (overrides) {
    for (const [name, value] of Object.entries(overrides)) {
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(
          `The size for dimension "${name}" must be a whole number of 1 or more, got ${value}.`,
        );
      }
    }
  }
  const provider = options.provider ?? defaultProvider;
  if (!(PROVIDER_SETTINGS as readonly string[]).includes(provider)) {
    throw new Error(
      `Unknown execution provider "${provider}": choose one of ${PROVIDER_SETTINGS.join(', ')}.`,
    );
  }
  // Fixed key order and sorted dims: equal options give equal keys.
  const canonical: SessionOptions & { provider: ProviderSetting } = {
    provider,
    ...(overrides && Object.keys(overrides).length > 0
      ? {
          freeDimensionOverrides: Object.fromEntries(
            Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          ),
        }
      : {}),
    ...(options.graphOptimizationLevel
      ? { graphOptimizationLevel: options.graphOptimizationLevel }
      : {}),
    ...(options.intraOpNumThreads ? { intraOpNumThreads: options.intraOpNumThreads } : {}),
    ...(options.interOpNumThreads ? { interOpNumThreads: options.interOpNumThreads } : {}),
    ...(options.executionMode ? { executionMode: options.executionMode } : {}),
  };
  return canonical;
}

function sessionOptions(
  options: SessionOptions,
  logSeverityLevel: 0 | 1 | 2 | 3 | 4,
): ort.InferenceSession.SessionOptions {
  const { provider: _provider, ...rest } = options;
  return { ...rest, logSeverityLevel };
}

/** The model file plus the external data files it names (inside its folder). */
async function estimateBytes(realPath: string, info: ModelInfo): Promise<number> {
  const folder = dirname(realPath);
  let bytes = info.fileBytes;
  for (const location of info.externalData) {
    const file = resolve(folder, location);
    const inside = relative(folder, file);
    if (inside.startsWith('..') || isAbsolute(inside)) continue;
    bytes += await stat(file).then(
      (stats) => stats.size,
      () => 0, // missing: ORT names it when the session is created
    );
  }
  return bytes;
}
