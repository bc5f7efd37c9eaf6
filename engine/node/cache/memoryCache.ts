/**
 * The memory tier: node outputs by cache key, least recently used first out
 * when the total passes the byte budget (sizes from valueBytes, so a tensor
 * counts its data). Outputs are kept by reference, not copied: whoever gets
 * them must not mutate them.
 */
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { valueBytes } from '../../common/values.ts';

interface Entry {
  outputs: NodeOutputs;
  bytes: number;
}

export class MemoryCache {
  readonly budgetBytes: number;
  /** A Map iterates in insertion order, so re-inserting on use makes it an LRU list. */
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;

  constructor(budgetBytes: number) {
    if (!(budgetBytes >= 0)) {
      throw new Error(`The memory cache budget must be 0 or more bytes, got ${budgetBytes}.`);
    }
    this.budgetBytes = budgetBytes;
  }

  /** Bytes held by all entries. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }

  /** A hit makes the entry the most recently used. */
  get(key: string): NodeOutputs | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.outputs;
  }

  /** Whether the key is held, without counting as a use. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /**
   * Stores as the most recently used, then evicts from the least recently used
   * until the total fits the budget. Outputs larger than the whole budget are
   * not kept (and replace nothing: an older entry under the key is dropped).
   */
  set(key: string, outputs: NodeOutputs): void {
    this.delete(key);
    const bytes = valueBytes(outputs);
    if (bytes > this.budgetBytes) return;
    this.entries.set(key, { outputs, bytes });
    this.totalBytes += bytes;
    for (const [oldestKey] of this.entries) {
      if (this.totalBytes <= this.budgetBytes) break;
      this.delete(oldestKey);
    }
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }
}
