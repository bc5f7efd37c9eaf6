import { describe, expect, it } from 'vitest';
import { DerivedCache } from './derivedCache.ts';

/** A build that counts its calls and returns "<name>#<call>". */
function counter(name: string) {
  let calls = 0;
  return {
    build: () => Promise.resolve(`${name}#${++calls}`),
    get calls() {
      return calls;
    },
  };
}

describe('DerivedCache', () => {
  it('builds once per name and identity, and reuses the value', async () => {
    const cache = new DerivedCache();
    const tokenizer = counter('tokenizer');
    expect(await cache.get('tok', '10:1', tokenizer.build)).toBe('tokenizer#1');
    expect(await cache.get('tok', '10:1', tokenizer.build)).toBe('tokenizer#1');
    expect(tokenizer.calls).toBe(1);
  });

  it('rebuilds under a new identity (an edited file) and drops the old value', async () => {
    const cache = new DerivedCache();
    const tokenizer = counter('tokenizer');
    await cache.get('tok', '10:1', tokenizer.build);
    expect(await cache.get('tok', '11:2', tokenizer.build)).toBe('tokenizer#2');
    expect(cache.size).toBe(1);
    // Going back to the old identity is a rebuild too: nothing stale is kept.
    expect(await cache.get('tok', '10:1', tokenizer.build)).toBe('tokenizer#3');
  });

  it('shares one build between concurrent lookups', async () => {
    const cache = new DerivedCache();
    let release!: (value: string) => void;
    let calls = 0;
    const build = () => {
      calls++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = cache.get('tok', 'a', build);
    const second = cache.get('tok', 'a', build);
    release('parsed');
    expect(await Promise.all([first, second])).toEqual(['parsed', 'parsed']);
    expect(calls).toBe(1);
  });

  it('forgets a build that failed (also one that throws at once), so the next lookup retries', async () => {
    const cache = new DerivedCache();
    await expect(cache.get('tok', 'a', () => Promise.reject(new Error('broken')))).rejects.toThrow(
      'broken',
    );
    await expect(
      cache.get('tok', 'a', () => {
        throw new Error('thrown');
      }),
    ).rejects.toThrow('thrown');
    expect(await cache.get('tok', 'a', () => Promise.resolve('fixed'))).toBe('fixed');
  });

  it('keeps the most recently used entries up to its limit', async () => {
    const cache = new DerivedCache(2);
    const builds = { a: counter('a'), b: counter('b'), c: counter('c') };
    await cache.get('a', '1', builds.a.build);
    await cache.get('b', '1', builds.b.build);
    await cache.get('a', '1', builds.a.build); // a is now the most recent
    await cache.get('c', '1', builds.c.build); // b goes
    expect(cache.size).toBe(2);
    await cache.get('a', '1', builds.a.build);
    await cache.get('b', '1', builds.b.build);
    expect([builds.a.calls, builds.b.calls, builds.c.calls]).toEqual([1, 2, 1]);
  });
});
