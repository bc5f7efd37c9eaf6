/**
 * The node output cache the executor uses ([C6]): memory first, then disk.
 * A disk hit is promoted to memory; a set writes both tiers, except that
 * outputs holding a Handle stay in memory only (the disk tier skips them).
 *
 * The disk tier is written behind ([C9]): set() returns once the memory tier
 * holds the outputs, and the disk write goes on in the background, so a run
 * does not wait for its intermediates to reach the disk (a 2048² float image
 * is 48 MiB; bench/cache). A write keeps its outputs alive until it lands,
 * even if the memory tier lets them go. flush() waits for the writes under
 * way. A process that exits without flushing loses only the entries not
 * yet written: entry files are written to a temporary name and renamed, so
 * none is ever partial.
 */
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { DiskCache } from './diskCache.ts';
import { MemoryCache } from './memoryCache.ts';

export type CacheTier = 'memory' | 'disk';

export class TieredCache {
  readonly memory: MemoryCache;
  readonly disk: DiskCache | undefined;
  /** Disk writes under way, by key: set() does not wait for them; get() and flush() do. */
  readonly #writing = new Map<string, Promise<void>>();
  readonly #warn: (message: string) => void;

  constructor(memory: MemoryCache, disk?: DiskCache, onWarning?: (message: string) => void) {
    this.memory = memory;
    this.disk = disk;
    this.#warn = onWarning ?? (() => undefined);
  }

  async get(key: string): Promise<{ outputs: NodeOutputs; tier: CacheTier } | undefined> {
    const inMemory = this.memory.get(key);
    if (inMemory !== undefined) return { outputs: inMemory, tier: 'memory' };
    // Outputs too big for the memory tier are found on disk once their write lands.
    await this.#writing.get(key);
    const onDisk = await this.disk?.get(key);
    if (onDisk === undefined) return undefined;
    this.memory.set(key, onDisk);
    return { outputs: onDisk, tier: 'disk' };
  }

  /** Resolves once the memory tier holds the outputs; the disk write continues behind it. */
  async set(key: string, outputs: NodeOutputs): Promise<void> {
    this.memory.set(key, outputs);
    // The same key is the same result ([C1]): one write of it at a time is enough.
    if (!this.disk || this.#writing.has(key)) return;
    // DiskCache.set reports its own write failures; this catches anything else, so no write rejects unheard.
    const write = this.disk.set(key, outputs).then(
      () => undefined,
      (error: unknown) =>
        this.#warn(
          `The result could not be saved to the disk cache (${(error as Error).message}); it will be computed again next time.`,
        ),
    );
    this.#writing.set(key, write);
    void write.then(() => this.#writing.delete(key));
  }

  /** Waits for the disk writes under way, then brings the disk tier's index up to date. */
  async flush(): Promise<void> {
    while (this.#writing.size > 0) await Promise.all(this.#writing.values());
    await this.disk?.flush();
  }
}

export interface CreateCacheOptions {
  memoryBudgetBytes: number;
  /** The disk tier's folder; without one the cache is memory only. */
  diskDir?: string;
  diskBudgetBytes?: number;
  /** Damaged entries and failed disk reads or writes, in plain sentences. */
  onWarning?: (message: string) => void;
}

export const DEFAULT_DISK_BUDGET_BYTES = 10 * 1024 ** 3;

export async function createCache(options: CreateCacheOptions): Promise<TieredCache> {
  const memory = new MemoryCache(options.memoryBudgetBytes);
  if (options.diskDir === undefined) return new TieredCache(memory);
  const disk = await DiskCache.open({
    dir: options.diskDir,
    budgetBytes: options.diskBudgetBytes ?? DEFAULT_DISK_BUDGET_BYTES,
    ...(options.onWarning !== undefined ? { onWarning: options.onWarning } : {}),
  });
  return new TieredCache(memory, disk, options.onWarning);
}
