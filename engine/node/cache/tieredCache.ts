/**
 * The node output cache the executor uses ([C6]): memory first, then disk.
 * A disk hit is promoted to memory; a set writes both tiers, except that
 * outputs holding a Handle stay in memory only (the disk tier skips them).
 */
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { DiskCache } from './diskCache.ts';
import { MemoryCache } from './memoryCache.ts';

export type CacheTier = 'memory' | 'disk';

export class TieredCache {
  readonly memory: MemoryCache;
  readonly disk: DiskCache | undefined;

  constructor(memory: MemoryCache, disk?: DiskCache) {
    this.memory = memory;
    this.disk = disk;
  }

  async get(key: string): Promise<{ outputs: NodeOutputs; tier: CacheTier } | undefined> {
    const inMemory = this.memory.get(key);
    if (inMemory !== undefined) return { outputs: inMemory, tier: 'memory' };
    const onDisk = await this.disk?.get(key);
    if (onDisk === undefined) return undefined;
    this.memory.set(key, onDisk);
    return { outputs: onDisk, tier: 'disk' };
  }

  async set(key: string, outputs: NodeOutputs): Promise<void> {
    this.memory.set(key, outputs);
    await this.disk?.set(key, outputs);
  }

  /** Brings the disk tier's index up to date (it is written a moment after changes). */
  async flush(): Promise<void> {
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
  return new TieredCache(memory, disk);
}
