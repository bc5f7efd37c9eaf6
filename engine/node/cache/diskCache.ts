/**
 * The disk tier of the node output cache.
 *
 * On-disk layout (one folder, e.g. ~/.weft/cache; survives restarts):
 *
 *   <dir>/index.json                         summary of the entries (below)
 *   <dir>/entries/<k0k1>/<key>.safetensors   one file per cache key, sharded by
 *                                            the key's first two hex digits
 *   .<file name>.<host>.<pid>.<random>.tmp   beside either: a write in progress,
 *                                            or the leftover of a killed one
 *
 * An entry file is a standard safetensors file (readable by any safetensors
 * library): each tensor of the node's outputs is a tensor entry named by its
 * JSON Pointer ("/image", "/frames/0"); the rest of the outputs is JSON in the
 * metadata under "weft.outputs"; "weft.payloadSha256" checksums the whole
 * contents, so a file is verified by itself, without the index (entryFile.ts).
 *
 * index.json: { "format": "weft/disk-cache-index", "version": 2, "entries":
 * { "<key>": { "bytes": file size, "payloadSha256": the file's
 * weft.payloadSha256 (null until first read if adopted), "lastUsed": ms since
 * the epoch } } }. An index of an older version is rebuilt from the files.
 *
 * Rules:
 * - Each entry's data is hashed once per write and once per read: set()
 *   hashes the payload while encoding and writes the tensors' own bytes (no
 *   copy into one buffer); get() decodes with the payload check.
 * - Every write (entry or index) goes to a temporary file in the same folder
 *   and is renamed into place: a killed process never leaves a half file
 *   under a real name. Leftover temporary files are swept on open (a dead
 *   writer's at once, anyone's after an hour).
 * - Nothing is fsynced. A power cut or OS crash may leave a renamed entry
 *   empty or partly written; its checksum catches that on read, like any
 *   other damage, and the node is recomputed ([C7]). Paying an fsync on every
 *   entry to save a recomputation after a crash is not worth it for a cache.
 * - get() checks the file's safetensors structure (strictly: any header
 *   damage fails it) and its contents against its own payload checksum. A
 *   damaged entry is deleted, reported through onWarning and treated as a
 *   miss: never returned.
 * - set() then evicts least recently used entries until the total fits the budget.
 * - index.json is written a moment after it changes (INDEX_DELAY_MS), not
 *   on every set() and get(): rewriting the whole summary for each entry cost
 *   ~0.5 ms per node on a small cache and grows with the number of entries
 *   (bench/pipeline). flush() writes it now; the CLI flushes before it exits,
 *   long-lived hosts let the timer do it. An index that misses the last
 *   changes (a process killed in between) costs nothing but recency: on open,
 *   entry files it does not list are adopted.
 * - Several processes may share the folder. Entry files are replaced whole and
 *   are self-verifying; index.json is rewritten whole by whoever writes last.
 *   On open, files missing from the index are adopted and index entries without
 *   a file dropped; get() also finds entries other processes wrote since.
 * - Outputs holding a Handle (live resources) are never written.
 */
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { sweepTemporaryFiles, writeFileAtomic } from './atomicFile.ts';
import { ENTRY_KEY_PATTERN, readIndex, writeIndex, type IndexEntry } from './diskIndex.ts';
import { decodeEntry, encodeEntry, type DecodedEntry } from './entryFile.ts';

export interface DiskCacheOptions {
  dir: string;
  /** Total size of the entry files to keep; least recently used go first. */
  budgetBytes: number;
  /** Told, in a plain sentence, about damaged entries and failed reads or writes. */
  onWarning?: (message: string) => void;
  /** Milliseconds since the epoch, for lastUsed; tests inject a clock. */
  now?: () => number;
}

const ENTRY_SUFFIX = '.safetensors';
/** How long after a change index.json is written (changes in between share the write). */
export const INDEX_DELAY_MS = 1000;

export class DiskCache {
  readonly dir: string;
  readonly budgetBytes: number;
  private readonly entries = new Map<string, IndexEntry>();
  private readonly warn: (message: string) => void;
  private readonly now: () => number;
  /** The latest lastUsed handed out, so uses in the same millisecond still order. */
  private latestUse = 0;
  private indexWrites: Promise<void> = Promise.resolve();
  /** Shard folders this cache has written into: created once, not before every write. */
  private readonly shards = new Set<string>();
  /** Whether the entries changed since index.json was last written. */
  private indexDirty = false;
  private indexTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(options: DiskCacheOptions) {
    this.dir = resolve(options.dir);
    this.budgetBytes = options.budgetBytes;
    this.warn = options.onWarning ?? (() => undefined);
    this.now = options.now ?? Date.now;
  }

  static async open(options: DiskCacheOptions): Promise<DiskCache> {
    if (!(options.budgetBytes >= 0)) {
      throw new Error(`The disk cache budget must be 0 or more bytes, got ${options.budgetBytes}.`);
    }
    const cache = new DiskCache(options);
    try {
      await mkdir(cache.entriesDir, { recursive: true });
    } catch (error) {
      throw new Error(
        `Cannot use ${cache.dir} as the cache folder (${(error as Error).message}). ` +
          'Choose a folder Weft can write to.',
      );
    }
    await cache.load();
    return cache;
  }

  private get entriesDir(): string {
    return join(this.dir, 'entries');
  }

  private get indexPath(): string {
    return join(this.dir, 'index.json');
  }

  private entryPath(key: string): string {
    return join(this.entriesDir, key.slice(0, 2), `${key}${ENTRY_SUFFIX}`);
  }

  private async load(): Promise<void> {
    await sweepTemporaryFiles(this.dir, { now: this.now() });
    const index = await readIndex(this.indexPath);
    if (index.status === 'ok') {
      for (const [key, entry] of index.entries) this.entries.set(key, entry);
    } else if (index.status === 'unreadable') {
      this.warn(
        `The cache index ${this.indexPath} could not be read (${index.reason}); ` +
          'it was rebuilt from the cache files.',
      );
    }

    const onDisk = await this.scanEntryFiles();
    for (const key of this.entries.keys()) {
      if (!onDisk.has(key)) this.entries.delete(key);
    }
    // Adopted lazily: get() verifies each file by its own checksum on first use.
    for (const [key, file] of onDisk) {
      if (!this.entries.has(key))
        this.entries.set(key, { bytes: file.bytes, payloadSha256: null, lastUsed: file.modified });
    }
    for (const entry of this.entries.values())
      this.latestUse = Math.max(this.latestUse, entry.lastUsed);

    await this.evictOverBudget();
    this.indexChanged();
    await this.flush();
  }

  /** Entry files by key, after sweeping leftover temporary files beside them. */
  private async scanEntryFiles(): Promise<Map<string, { bytes: number; modified: number }>> {
    const files = new Map<string, { bytes: number; modified: number }>();
    const now = this.now();
    for (const shard of await readdir(this.entriesDir)) {
      const shardDir = join(this.entriesDir, shard);
      await sweepTemporaryFiles(shardDir, { now });
      let names: string[];
      try {
        names = await readdir(shardDir);
      } catch {
        continue; // not a folder: not ours
      }
      for (const name of names) {
        if (!name.endsWith(ENTRY_SUFFIX)) continue;
        const key = name.slice(0, -ENTRY_SUFFIX.length);
        if (!ENTRY_KEY_PATTERN.test(key) || key.slice(0, 2) !== shard) continue;
        const info = await stat(join(shardDir, name)).catch(() => undefined);
        if (info?.isFile() === true)
          files.set(key, { bytes: info.size, modified: Math.floor(info.mtimeMs) });
      }
    }
    return files;
  }

  /** The stored outputs, or undefined on a miss or a damaged entry (deleted, with a warning). */
  async get(key: string): Promise<NodeOutputs | undefined> {
    checkKey(key);
    const path = this.entryPath(key);
    let bytes: Uint8Array;
    try {
      bytes = await readFileBytes(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        if (this.entries.delete(key)) this.indexChanged();
      } else {
        this.warn(
          `The cache entry ${path} could not be read (${(error as Error).message}); ` +
            'the node will run again.',
        );
      }
      return undefined;
    }

    // The file alone says whether it is intact: the index may predate another
    // process rewriting it, which is fine, or not list it at all.
    let decoded: DecodedEntry;
    try {
      decoded = decodeEntry(bytes);
    } catch (error) {
      await rm(path, { force: true }).catch(() => undefined);
      if (this.entries.delete(key)) this.indexChanged();
      this.warn(
        `The cache entry ${path} was damaged and has been deleted; the node will run again. ` +
          `(${(error as Error).message})`,
      );
      return undefined;
    }
    this.entries.set(key, {
      bytes: bytes.byteLength,
      payloadSha256: decoded.payloadSha256,
      lastUsed: this.nextUse(),
    });
    await this.evictOverBudget();
    this.indexChanged();
    return decoded.outputs;
  }

  /**
   * Stores the outputs, then evicts least recently used entries over the budget.
   * Resolves to false, storing nothing, when they hold a Handle, are larger
   * than the whole budget, or cannot be written (a warning says why).
   */
  async set(key: string, outputs: NodeOutputs): Promise<boolean> {
    checkKey(key);
    const entry = encodeEntry(outputs);
    if (entry === undefined || entry.byteLength > this.budgetBytes) return false;
    const path = this.entryPath(key);
    const shard = join(this.entriesDir, key.slice(0, 2));
    // No fsync: a file a power cut damaged fails its checksum on read (see above).
    const write = () => writeFileAtomic(path, entry.parts, { sync: false });
    try {
      if (!this.shards.has(shard)) await mkdir(shard, { recursive: true });
      this.shards.add(shard);
      try {
        await write();
      } catch (error) {
        // The shard folder went away behind this cache's back (cleared by hand, say).
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        await mkdir(shard, { recursive: true });
        await write();
      }
    } catch (error) {
      this.warn(
        `The result could not be saved to the disk cache at ${path} ` +
          `(${(error as Error).message}); it will be computed again next time.`,
      );
      return false;
    }
    this.entries.set(key, {
      bytes: entry.byteLength,
      payloadSha256: entry.payloadSha256,
      lastUsed: this.nextUse(),
    });
    await this.evictOverBudget();
    this.indexChanged();
    return true;
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    this.entries.delete(key);
    await rm(this.entryPath(key), { force: true });
    this.indexChanged();
    await this.flush();
  }

  /** Deletes every entry (and any write in progress in this folder). */
  async clear(): Promise<void> {
    this.entries.clear();
    this.shards.clear();
    await rm(this.entriesDir, { recursive: true, force: true });
    await mkdir(this.entriesDir, { recursive: true });
    this.indexChanged();
    await this.flush();
  }

  stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.totalBytes() };
  }

  private totalBytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.bytes;
    return total;
  }

  private nextUse(): number {
    this.latestUse = Math.max(this.now(), this.latestUse + 1);
    return this.latestUse;
  }

  private async evictOverBudget(): Promise<void> {
    let total = this.totalBytes();
    if (total <= this.budgetBytes) return;
    const oldestFirst = [...this.entries].sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    const victims: string[] = [];
    for (const [key, entry] of oldestFirst) {
      if (total <= this.budgetBytes) break;
      this.entries.delete(key);
      total -= entry.bytes;
      victims.push(key);
    }
    await Promise.all(victims.map((key) => rm(this.entryPath(key), { force: true })));
  }

  /** Schedules an index write (see INDEX_DELAY_MS); the timer never keeps the process alive. */
  private indexChanged(): void {
    this.indexDirty = true;
    if (this.indexTimer !== undefined) return;
    this.indexTimer = setTimeout(() => {
      this.indexTimer = undefined;
      void this.flush();
    }, INDEX_DELAY_MS);
    this.indexTimer.unref();
  }

  /**
   * Writes index.json now if anything changed since the last write, after any
   * write already under way; resolves when the index on disk is current.
   */
  flush(): Promise<void> {
    if (this.indexTimer !== undefined) {
      clearTimeout(this.indexTimer);
      this.indexTimer = undefined;
    }
    if (!this.indexDirty) return this.indexWrites;
    this.indexDirty = false;
    const write = this.indexWrites.then(async () => {
      try {
        await writeIndex(this.indexPath, this.entries);
      } catch (error) {
        this.warn(
          `The cache index ${this.indexPath} could not be saved (${(error as Error).message}); ` +
            'it will be rebuilt from the cache files next time.',
        );
      }
    });
    this.indexWrites = write;
    return write;
  }
}

function checkKey(key: string): void {
  if (!ENTRY_KEY_PATTERN.test(key)) {
    throw new Error(`A disk cache key must be 3 to 128 lowercase hex digits, got "${key}".`);
  }
}

/** A plain Uint8Array over the whole file (fs hands back a Buffer). */
async function readFileBytes(path: string): Promise<Uint8Array> {
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
