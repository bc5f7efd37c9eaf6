import { describe, expect, it } from 'vitest';
import type { NodeOutputs } from '../../common/nodeApi.ts';
import { Tensor } from '../../common/tensor.ts';
import { Handle } from '../../common/values.ts';
import { MemoryCache } from './memoryCache.ts';

class TestHandle extends Handle {
  readonly label = 'test model';
  override readonly bytes = 5000;
}

/** { image: float32 [n] }: 16 (record) + 2 × 5 ("image") + 4n + 64 (tensor) = 90 + 4n bytes. */
function imageOutputs(n: number): NodeOutputs {
  return { image: Tensor.zeros('float32', [n]) };
}

describe('MemoryCache', () => {
  it('counts bytes exactly as valueBytes does', () => {
    const cache = new MemoryCache(10_000);
    cache.set('a', imageOutputs(4)); // 106
    expect(cache.bytes).toBe(106);
    cache.set('b', { text: 'hello' }); // 16 + 2 × 4 + (2 × 5 + 16) = 50
    expect(cache.bytes).toBe(156);
    cache.set('c', { model: new TestHandle() }); // 16 + 2 × 5 + 5000
    expect(cache.bytes).toBe(5182);
    expect(cache.size).toBe(3);
  });

  it('replacing an entry counts only the new outputs', () => {
    const cache = new MemoryCache(10_000);
    cache.set('a', imageOutputs(4));
    cache.set('a', imageOutputs(10));
    expect(cache.bytes).toBe(130);
    expect(cache.size).toBe(1);
  });

  it('evicts the least recently set first when over budget', () => {
    const cache = new MemoryCache(3 * 130); // room for three 130-byte entries
    for (const key of ['a', 'b', 'c']) cache.set(key, imageOutputs(10));
    expect(cache.bytes).toBe(390);
    cache.set('d', imageOutputs(10));
    expect(['a', 'b', 'c', 'd'].map((key) => cache.has(key))).toEqual([false, true, true, true]);
    expect(cache.bytes).toBe(390);
  });

  it('get() makes an entry the most recently used', () => {
    const cache = new MemoryCache(3 * 130);
    for (const key of ['a', 'b', 'c']) cache.set(key, imageOutputs(10));
    expect(cache.get('a')).toBeDefined();
    cache.set('d', imageOutputs(10));
    expect(['a', 'b', 'c', 'd'].map((key) => cache.has(key))).toEqual([true, false, true, true]);
    cache.set('e', imageOutputs(10));
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => cache.has(key))).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
  });

  it('has() does not count as a use', () => {
    const cache = new MemoryCache(2 * 130);
    cache.set('a', imageOutputs(10));
    cache.set('b', imageOutputs(10));
    expect(cache.has('a')).toBe(true);
    cache.set('c', imageOutputs(10));
    expect(cache.has('a')).toBe(false);
    expect(cache.has('b')).toBe(true);
  });

  it('evicts as many old entries as a large new one needs', () => {
    const cache = new MemoryCache(500);
    for (const key of ['a', 'b', 'c']) cache.set(key, imageOutputs(10)); // 3 × 130
    cache.set('big', imageOutputs(60)); // 330: 720 in all, so two must go
    expect(['a', 'b', 'c', 'big'].map((key) => cache.has(key))).toEqual([false, false, true, true]);
    expect(cache.bytes).toBe(460);
  });

  it('keeps an entry exactly the size of the budget', () => {
    const cache = new MemoryCache(130);
    cache.set('a', imageOutputs(10));
    expect(cache.get('a')).toBeDefined();
    expect(cache.bytes).toBe(130);
  });

  it('does not keep an entry larger than the whole budget, nor evict for it', () => {
    const cache = new MemoryCache(200);
    cache.set('small', imageOutputs(10));
    cache.set('huge', imageOutputs(1000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.has('small')).toBe(true);
    expect(cache.bytes).toBe(130);
  });

  it('drops the older entry when its replacement is too large to keep', () => {
    const cache = new MemoryCache(200);
    cache.set('a', imageOutputs(10));
    cache.set('a', imageOutputs(1000));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('returns the very outputs it was given', () => {
    const cache = new MemoryCache(1000);
    const outputs = imageOutputs(2);
    cache.set('a', outputs);
    expect(cache.get('a')).toBe(outputs);
    expect(cache.get('missing')).toBeUndefined();
  });

  it('delete() and clear() give the bytes back', () => {
    const cache = new MemoryCache(1000);
    cache.set('a', imageOutputs(10));
    cache.set('b', imageOutputs(4));
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect(cache.bytes).toBe(106);
    cache.clear();
    expect(cache.bytes).toBe(0);
    expect(cache.size).toBe(0);
  });

  it('with a budget of 0 keeps nothing', () => {
    const cache = new MemoryCache(0);
    cache.set('a', {});
    expect(cache.size).toBe(0);
  });

  it('refuses a negative or NaN budget', () => {
    expect(() => new MemoryCache(-1)).toThrow('must be 0 or more bytes, got -1');
    expect(() => new MemoryCache(Number.NaN)).toThrow('got NaN');
  });
});
