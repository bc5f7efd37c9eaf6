import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Handle } from '../../common/values.ts';
import { DiskCache } from './diskCache.ts';
import { MemoryCache } from './memoryCache.ts';
import { bitsOf, keyFor, sampleOutputs } from './testSupport.ts';
import { DEFAULT_DISK_BUDGET_BYTES, TieredCache, createCache } from './tieredCache.ts';

class TestHandle extends Handle {
  readonly label = 'test model';
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-tiered-cache-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tiers(memoryBudget = 1 << 20): Promise<TieredCache> {
  const disk = await DiskCache.open({ dir, budgetBytes: 1 << 24 });
  return new TieredCache(new MemoryCache(memoryBudget), disk);
}

describe('TieredCache', () => {
  it('[C6] set writes both tiers; get answers from memory first', async () => {
    const cache = await tiers();
    const outputs = sampleOutputs(1);
    await cache.set(keyFor('a'), outputs);
    expect(cache.memory.has(keyFor('a'))).toBe(true);
    await cache.flush();
    expect(cache.disk?.stats().entries).toBe(1);
    const hit = await cache.get(keyFor('a'));
    expect(hit?.tier).toBe('memory');
    expect(hit?.outputs).toBe(outputs);
  });

  it('[C9] set returns before the disk write lands; flush waits for it', async () => {
    const cache = await tiers();
    await cache.set(keyFor('a'), sampleOutputs(1));
    await cache.set(keyFor('b'), sampleOutputs(2));
    expect(cache.memory.has(keyFor('a'))).toBe(true);
    expect(cache.disk?.stats().entries).toBe(0);
    await cache.flush();
    expect(cache.disk?.stats().entries).toBe(2);
    // A second cache on the folder (another process, a restart) finds both.
    const reopened = await DiskCache.open({ dir, budgetBytes: 1 << 24 });
    expect(bitsOf((await reopened.get(keyFor('b'))) ?? {})).toEqual(bitsOf(sampleOutputs(2)));
  });

  it('[C9] a disk write that fails is reported, and the memory tier still answers', async () => {
    const warnings: string[] = [];
    const disk = await DiskCache.open({ dir, budgetBytes: 1 << 24 });
    const cache = new TieredCache(new MemoryCache(1 << 20), disk, (message) =>
      warnings.push(message),
    );
    // Not a sha256 key: the disk tier refuses it (its file name is derived from the key).
    await cache.set('not-a-cache-key', sampleOutputs(1));
    await cache.flush();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not be saved to the disk cache/);
    expect((await cache.get('not-a-cache-key'))?.tier).toBe('memory');
  });

  it('[C6] a disk hit is promoted to memory', async () => {
    const cache = await tiers();
    await cache.set(keyFor('a'), sampleOutputs(1));
    cache.memory.clear();
    const fromDisk = await cache.get(keyFor('a'));
    expect(fromDisk?.tier).toBe('disk');
    expect(bitsOf(fromDisk?.outputs ?? {})).toEqual(bitsOf(sampleOutputs(1)));
    const again = await cache.get(keyFor('a'));
    expect(again?.tier).toBe('memory');
    expect(again?.outputs).toBe(fromDisk?.outputs);
  });

  it('[C6] outputs holding a Handle stay in memory only', async () => {
    const cache = await tiers();
    const outputs = { model: new TestHandle() };
    await cache.set(keyFor('model'), outputs);
    expect(cache.disk?.stats().entries).toBe(0);
    expect((await cache.get(keyFor('model')))?.outputs).toBe(outputs);
    cache.memory.clear();
    expect(await cache.get(keyFor('model'))).toBeUndefined();
  });

  it('serves from disk what the memory budget could not keep', async () => {
    const cache = await tiers(64); // too small for any sample
    await cache.set(keyFor('a'), sampleOutputs(1));
    expect(cache.memory.size).toBe(0);
    expect((await cache.get(keyFor('a')))?.tier).toBe('disk');
  });

  it('misses when neither tier has the key', async () => {
    const cache = await tiers();
    expect(await cache.get(keyFor('nothing'))).toBeUndefined();
  });

  it('works with memory only', async () => {
    const cache = new TieredCache(new MemoryCache(1 << 20));
    await cache.set('any-key', { n: 1 });
    expect(await cache.get('any-key')).toEqual({ outputs: { n: 1 }, tier: 'memory' });
    expect(await cache.get('other')).toBeUndefined();
  });
});

describe('createCache', () => {
  it('without a folder makes a memory-only cache', async () => {
    const cache = await createCache({ memoryBudgetBytes: 1000 });
    expect(cache.disk).toBeUndefined();
    expect(cache.memory.budgetBytes).toBe(1000);
  });

  it('[C6] with a folder makes both tiers, and a second cache there (a restart) hits the disk', async () => {
    const warnings: string[] = [];
    const folder = join(dir, 'cache');
    const first = await createCache({
      memoryBudgetBytes: 1 << 20,
      diskDir: folder,
      diskBudgetBytes: 1 << 24,
      onWarning: (message) => warnings.push(message),
    });
    expect(first.disk?.budgetBytes).toBe(1 << 24);
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['entries', 'index.json']));
    await first.set(keyFor('a'), sampleOutputs(2));
    const second = await createCache({ memoryBudgetBytes: 1 << 20, diskDir: folder });
    expect(second.disk?.budgetBytes).toBe(DEFAULT_DISK_BUDGET_BYTES);
    const hit = await second.get(keyFor('a'));
    expect(hit?.tier).toBe('disk');
    expect(bitsOf(hit?.outputs ?? {})).toEqual(bitsOf(sampleOutputs(2)));
    expect(warnings).toEqual([]);
  });
});
