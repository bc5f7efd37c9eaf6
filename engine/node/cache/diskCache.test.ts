import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../common/tensor.ts';
import { Handle } from '../../common/values.ts';
import { temporaryPathFor } from './atomicFile.ts';
import { DiskCache, INDEX_DELAY_MS, type DiskCacheOptions } from './diskCache.ts';
import { encodeEntry, joinEntry, type EncodedEntry } from './entryFile.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import { sharedEntryOutputs } from './sharedFolderWriter.ts';
import { bitsOf, keyFor, sampleOutputs } from './testSupport.ts';

class TestHandle extends Handle {
  readonly label = 'test model';
}

let dir: string;
let warnings: string[];
let time: number;
/** The latest cache a test opened: flushed before index.json is read. */
let opened: DiskCache[];
/** Every cache a test opened: flushed when it ends, so no index write outlives its folder. */
let everyOpened: DiskCache[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-disk-cache-'));
  warnings = [];
  time = 1_000_000;
  opened = [];
  everyOpened = [];
});

afterEach(async () => {
  for (const cache of everyOpened) await cache.flush();
  await rm(dir, { recursive: true, force: true });
});

/**
 * A cache on the folder, as a later process would open it: earlier ones
 * count as exited from here on (a test flushes one where its process would
 * have exited cleanly; readIndexJson flushes only the latest).
 */
async function open(options: Partial<DiskCacheOptions> = {}): Promise<DiskCache> {
  const cache = await DiskCache.open({
    dir,
    budgetBytes: 1 << 20,
    onWarning: (message) => warnings.push(message),
    now: () => time,
    ...options,
  });
  opened = [cache];
  everyOpened.push(cache);
  return cache;
}

async function flushAll(): Promise<void> {
  for (const cache of opened) await cache.flush();
}

function entryPath(key: string): string {
  return join(dir, 'entries', key.slice(0, 2), `${key}.safetensors`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

interface IndexJson {
  format: string;
  version: number;
  entries: Record<string, { bytes: number; payloadSha256: string | null; lastUsed: number }>;
}

async function readIndexJson(): Promise<IndexJson> {
  await flushAll();
  return JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as IndexJson;
}

/** The "weft.payloadSha256" recorded inside an entry file. */
async function recordedChecksum(key: string): Promise<string | undefined> {
  return decodeSafetensors(await readFile(entryPath(key))).metadata['weft.payloadSha256'];
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
/** The exact size of a stored entry, from the encoder itself. */
const sizeOf = (seed: number): number => encodeEntry(sampleOutputs(seed))?.byteLength ?? -1;

describe('DiskCache storing', () => {
  it('[C6] stores a latent-sized and a larger image-sized entry, each readable after a restart', async () => {
    const cache = await open({ budgetBytes: 1 << 24 });
    const small = { latent: new Tensor('float32', [1, 4, 8, 8], new Float32Array(256).fill(0.5)) };
    const large = {
      image: new Tensor('float32', [1, 256, 256, 3], new Float32Array(196_608).fill(2)),
    };
    for (const [name, outputs] of [
      ['small', small],
      ['large', large],
    ] as const) {
      const key = keyFor(name);
      expect(await cache.set(key, outputs)).toBe(true);
      expect(bitsOf((await (await open({ budgetBytes: 1 << 24 })).get(key)) ?? {})).toEqual(
        bitsOf(outputs),
      );
    }
    expect((await readFile(entryPath(keyFor('large')))).byteLength).toBeGreaterThan(256 * 1024);
    expect(warnings).toEqual([]);
  });

  it('writes again into a shard folder that was removed behind its back', async () => {
    const cache = await open();
    const first = keyFor('first');
    await cache.set(first, sampleOutputs(1));
    await rm(join(dir, 'entries', first.slice(0, 2)), { recursive: true });
    const second = `${first.slice(0, 2)}${keyFor('second').slice(2)}`;
    expect(await cache.set(second, sampleOutputs(2))).toBe(true);
    expect(bitsOf((await cache.get(second)) ?? {})).toEqual(bitsOf(sampleOutputs(2)));
    expect(warnings).toEqual([]);
  });

  it('[C6] stores outputs in <dir>/entries/<k0k1>/<key>.safetensors and returns them bit-exactly', async () => {
    const cache = await open();
    const key = keyFor('one');
    expect(await cache.set(key, sampleOutputs(1))).toBe(true);
    const file = await readFile(entryPath(key));
    expect(file.byteLength).toBe(sizeOf(1));
    expect(bitsOf((await cache.get(key)) ?? {})).toEqual(bitsOf(sampleOutputs(1)));
    expect(cache.stats()).toEqual({ entries: 1, bytes: file.byteLength });
    expect(warnings).toEqual([]);
  });

  it('[C6] writes index.json (version 2) with each entry’s size, payload checksum and last use', async () => {
    const cache = await open();
    const key = keyFor('one');
    await cache.set(key, sampleOutputs(1));
    const file = await readFile(entryPath(key));
    const payloadSha256 = await recordedChecksum(key);
    expect(payloadSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(payloadSha256).not.toBe(sha256(file)); // the payload's checksum, not the file's
    const index = await readIndexJson();
    expect(index).toEqual({
      format: 'weft/disk-cache-index',
      version: 2,
      entries: { [key]: { bytes: file.byteLength, payloadSha256, lastUsed: time } },
    });
  });

  it('writes each entry as a plain safetensors file with the outputs and their checksum', async () => {
    const cache = await open();
    const key = keyFor('one');
    await cache.set(key, sampleOutputs(1));
    const { tensors, metadata } = decodeSafetensors(await readFile(entryPath(key)));
    expect([...tensors.keys()].sort()).toEqual([
      '/extras/bytes',
      '/extras/flags',
      '/extras/signed',
      '/image',
      '/latents/0',
      '/latents/1',
      '/mask',
      '/tokens',
    ]);
    expect(Object.keys(metadata).sort()).toEqual([
      'weft.outputs',
      'weft.outputsFormat',
      'weft.payloadSha256',
    ]);
    expect(metadata['weft.payloadSha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('[C6] a new DiskCache on the same folder (a restart) returns the stored tensors bit-exactly', async () => {
    const first = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    await first.set(keyFor('b'), sampleOutputs(2));
    const restarted = await open();
    expect(restarted.stats()).toEqual(first.stats());
    expect(bitsOf((await restarted.get(keyFor('a'))) ?? {})).toEqual(bitsOf(sampleOutputs(1)));
    expect(bitsOf((await restarted.get(keyFor('b'))) ?? {})).toEqual(bitsOf(sampleOutputs(2)));
    expect(warnings).toEqual([]);
  });

  it('replacing an entry counts only the new file', async () => {
    const cache = await open();
    await cache.set(keyFor('a'), sampleOutputs(1));
    await cache.set(keyFor('a'), { text: 'smaller' });
    expect(cache.stats().entries).toBe(1);
    expect(cache.stats().bytes).toBe((await stat(entryPath(keyFor('a')))).size);
    expect(await cache.get(keyFor('a'))).toEqual({ text: 'smaller' });
  });

  it('[C6] never writes outputs that hold a Handle', async () => {
    const cache = await open();
    const key = keyFor('model');
    expect(await cache.set(key, { model: new TestHandle(), note: 'x' })).toBe(false);
    expect(await exists(entryPath(key))).toBe(false);
    expect(await cache.get(key)).toBeUndefined();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('misses quietly on a key it never stored', async () => {
    const cache = await open();
    expect(await cache.get(keyFor('nothing'))).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('refuses keys that are not lowercase hex', async () => {
    const cache = await open();
    await expect(cache.get('../../etc/passwd')).rejects.toThrow(
      'A disk cache key must be 3 to 128 lowercase hex digits, got "../../etc/passwd".',
    );
    await expect(cache.set('ABCDEF', {})).rejects.toThrow('lowercase hex');
  });

  it('delete() and clear() remove files and index entries', async () => {
    const cache = await open();
    await cache.set(keyFor('a'), sampleOutputs(1));
    await cache.set(keyFor('b'), sampleOutputs(2));
    await cache.delete(keyFor('a'));
    expect(await exists(entryPath(keyFor('a')))).toBe(false);
    expect(cache.stats()).toEqual({ entries: 1, bytes: sizeOf(2) });
    await cache.clear();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect(await exists(entryPath(keyFor('b')))).toBe(false);
    expect((await readIndexJson()).entries).toEqual({});
    expect((await open()).stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('refuses a cache folder it cannot create, saying which', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    await expect(DiskCache.open({ dir: file, budgetBytes: 1 })).rejects.toThrow(
      `Cannot use ${file} as the cache folder`,
    );
  });

  it('warns and stores nothing when the entry cannot be written', async () => {
    const cache = await open();
    const key = keyFor('blocked');
    await writeFile(join(dir, 'entries', key.slice(0, 2)), 'a file where the folder should be');
    expect(await cache.set(key, sampleOutputs(1))).toBe(false);
    expect(cache.stats().entries).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `The result could not be saved to the disk cache at ${entryPath(key)} (`,
    );
    expect(warnings[0]).toContain('it will be computed again next time.');
  });
});

describe('DiskCache damaged entries', () => {
  it('[C7] a corrupt byte anywhere in an entry: get returns undefined, the file is gone, a warning is given', async () => {
    const cache = await open();
    const key = keyFor('fragile');
    const path = entryPath(key);
    await cache.set(key, sampleOutputs(3));
    const intact = await readFile(path);
    // The first flip meets an indexed entry, later ones an adopted file: the file's own
    // checksum and structure catch both.
    for (let position = 0; position < intact.byteLength; position++) {
      const bytes = Uint8Array.from(intact);
      bytes[position] = (bytes[position] as number) ^ 0xff;
      await writeFile(path, bytes);
      expect(await cache.get(key), `byte ${position}`).toBeUndefined();
      expect(await exists(path), `byte ${position}`).toBe(false);
      expect(warnings, `byte ${position}`).toHaveLength(position + 1);
    }
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect((await readIndexJson()).entries).toEqual({});
    await writeFile(path, intact);
    expect(bitsOf((await cache.get(key)) ?? {})).toEqual(bitsOf(sampleOutputs(3)));
  });

  it('[C7] says in a sentence which entry was damaged and what happens next', async () => {
    const cache = await open();
    const key = keyFor('fragile');
    await cache.set(key, sampleOutputs(3));
    const bytes = await readFile(entryPath(key));
    bytes[bytes.byteLength - 1] = (bytes[bytes.byteLength - 1] as number) ^ 1;
    await writeFile(entryPath(key), bytes);
    await cache.get(key);
    expect(warnings).toEqual([
      `The cache entry ${entryPath(key)} was damaged and has been deleted; the node will run ` +
        'again. (The file’s contents do not match its checksum.)',
    ]);
  });

  it('[C7] a truncated entry: get returns undefined, the file is gone, a warning is given', async () => {
    const cache = await open();
    const key = keyFor('short');
    const length = sizeOf(4);
    const cuts = [0, 4, 8, 20, Math.floor(length / 2), length - 8, length - 1];
    for (const [index, cut] of cuts.entries()) {
      await cache.set(key, sampleOutputs(4));
      await truncate(entryPath(key), cut);
      expect(await cache.get(key), `cut at ${cut}`).toBeUndefined();
      expect(await exists(entryPath(key)), `cut at ${cut}`).toBe(false);
      expect(warnings, `cut at ${cut}`).toHaveLength(index + 1);
      expect(warnings[index]).toContain('was damaged and has been deleted');
    }
  });

  it('[C7] an entry a power cut left empty or zero-filled under its real name (no fsync) is caught', async () => {
    const cache = await open();
    const key = keyFor('unsynced');
    const length = sizeOf(4);
    const damages: [string, Uint8Array][] = [
      ['empty', new Uint8Array(0)],
      ['all zeros', new Uint8Array(length)],
      ['its data never reached the disk', new Uint8Array(length)],
    ];
    await cache.set(key, sampleOutputs(4));
    const intact = await readFile(entryPath(key));
    (damages[2] as [string, Uint8Array])[1].set(intact.subarray(0, length - 64));
    for (const [index, [what, bytes]] of damages.entries()) {
      await cache.set(key, sampleOutputs(4));
      await writeFile(entryPath(key), bytes);
      expect(await cache.get(key), what).toBeUndefined();
      expect(await exists(entryPath(key)), what).toBe(false);
      expect(warnings, what).toHaveLength(index + 1);
      expect(warnings[index]).toContain(
        'was damaged and has been deleted; the node will run again.',
      );
    }
    expect(await cache.set(key, sampleOutputs(4))).toBe(true);
    expect(bitsOf((await cache.get(key)) ?? {})).toEqual(bitsOf(sampleOutputs(4)));
  });

  it('[C7] an entry damaged while no process ran is caught after a restart', async () => {
    const first = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    const bytes = await readFile(entryPath(keyFor('a')));
    bytes[bytes.byteLength - 3] = (bytes[bytes.byteLength - 3] as number) ^ 0x10;
    await writeFile(entryPath(keyFor('a')), bytes);
    const restarted = await open();
    expect(await restarted.get(keyFor('a'))).toBeUndefined();
    expect(await exists(entryPath(keyFor('a')))).toBe(false);
    expect(warnings).toHaveLength(1);
  });

  it('[C7] an adopted entry (no index) is checked by its own checksum', async () => {
    const first = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    await first.set(keyFor('b'), sampleOutputs(2));
    await rm(join(dir, 'index.json'));
    const bytes = await readFile(entryPath(keyFor('a')));
    bytes[bytes.byteLength - 3] = (bytes[bytes.byteLength - 3] as number) ^ 0x10;
    await writeFile(entryPath(keyFor('a')), bytes);
    const restarted = await open();
    expect(await restarted.get(keyFor('a'))).toBeUndefined();
    expect(bitsOf((await restarted.get(keyFor('b'))) ?? {})).toEqual(bitsOf(sampleOutputs(2)));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('(The file’s contents do not match its checksum.)');
  });

  it('[C7] a file without a checksum is not trusted', async () => {
    const cache = await open();
    const key = keyFor('foreign');
    await mkdir(join(dir, 'entries', key.slice(0, 2)), { recursive: true });
    // A valid safetensors file, but not one the cache wrote.
    await writeFile(entryPath(key), encodeSafetensors(new Map(), { 'weft.outputs': '{}' }));
    expect(await cache.get(key)).toBeUndefined();
    expect(warnings[0]).toContain('(The file carries no checksum.)');
  });
});

describe('DiskCache index', () => {
  it('is written a moment after a change, not by each set; flush() writes it now', async () => {
    const cache = await open();
    const before = await readFile(join(dir, 'index.json'), 'utf8');
    await cache.set(keyFor('a'), sampleOutputs(1));
    await cache.set(keyFor('b'), sampleOutputs(2));
    expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe(before);
    await cache.flush();
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as IndexJson;
    expect(Object.keys(index.entries).sort()).toEqual([keyFor('a'), keyFor('b')].sort());
  });

  it('is written by its timer within INDEX_DELAY_MS when nobody flushes', async () => {
    const cache = await open();
    await cache.set(keyFor('a'), sampleOutputs(1));
    await new Promise((resolve) => setTimeout(resolve, INDEX_DELAY_MS + 200));
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as IndexJson;
    expect(Object.keys(index.entries)).toEqual([keyFor('a')]);
  });

  it('a process gone before its index was written loses only recency: the next open adopts its entries', async () => {
    const killed = await open();
    await killed.set(keyFor('a'), sampleOutputs(1));
    const next = await open();
    expect(next.stats()).toEqual({ entries: 1, bytes: sizeOf(1) });
    expect(bitsOf((await next.get(keyFor('a'))) ?? {})).toEqual(bitsOf(sampleOutputs(1)));
    expect(warnings).toEqual([]);
  });

  it('deleting index.json: the entries are adopted on open, without a warning', async () => {
    const first = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    await first.set(keyFor('b'), sampleOutputs(2));
    await rm(join(dir, 'index.json'));
    const restarted = await open();
    expect(restarted.stats()).toEqual({ entries: 2, bytes: sizeOf(1) + sizeOf(2) });
    expect(Object.keys((await readIndexJson()).entries).sort()).toEqual(
      [keyFor('a'), keyFor('b')].sort(),
    );
    expect(bitsOf((await restarted.get(keyFor('a'))) ?? {})).toEqual(bitsOf(sampleOutputs(1)));
    // Unknown until read; once read, the adopted entry's payload checksum is indexed again.
    expect((await readIndexJson()).entries[keyFor('b')]?.payloadSha256).toBeNull();
    expect((await readIndexJson()).entries[keyFor('a')]?.payloadSha256).toBe(
      await recordedChecksum(keyFor('a')),
    );
    expect(warnings).toEqual([]);
  });

  it('a corrupt index.json is rebuilt from the files, with a warning', async () => {
    const first = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    await writeFile(join(dir, 'index.json'), '{"format": "weft/disk-cache-index", "ver');
    const restarted = await open();
    expect(restarted.stats()).toEqual({ entries: 1, bytes: sizeOf(1) });
    expect(warnings).toEqual([
      `The cache index ${join(dir, 'index.json')} could not be read (it is not valid JSON); ` +
        'it was rebuilt from the cache files.',
    ]);
    expect(bitsOf((await restarted.get(keyFor('a'))) ?? {})).toEqual(bitsOf(sampleOutputs(1)));
  });

  it('an index of the wrong shape is rebuilt too', async () => {
    const first = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    await writeFile(join(dir, 'index.json'), JSON.stringify({ entries: [] }));
    const restarted = await open();
    expect(restarted.stats().entries).toBe(1);
    expect(warnings[0]).toContain('(it is not a Weft cache index)');
  });

  it('an index of an older version (1, whole-file sha256) is rebuilt from the files, quietly', async () => {
    const first = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    await first.set(keyFor('b'), sampleOutputs(2));
    const fileA = await readFile(entryPath(keyFor('a')));
    const old = {
      format: 'weft/disk-cache-index',
      version: 1,
      entries: {
        [keyFor('a')]: { bytes: fileA.byteLength, sha256: sha256(fileA), lastUsed: 5 },
        [keyFor('b')]: { bytes: 1, sha256: null, lastUsed: 6 },
      },
    };
    await writeFile(join(dir, 'index.json'), JSON.stringify(old));
    const modified = async (key: string): Promise<number> =>
      Math.floor((await stat(entryPath(key))).mtimeMs);

    const restarted = await open();
    expect(warnings).toEqual([]);
    expect(restarted.stats()).toEqual({ entries: 2, bytes: sizeOf(1) + sizeOf(2) });
    // Nothing of the old index is kept: sizes and recency come from the files.
    expect(await readIndexJson()).toEqual({
      format: 'weft/disk-cache-index',
      version: 2,
      entries: {
        [keyFor('a')]: {
          bytes: fileA.byteLength,
          payloadSha256: null,
          lastUsed: await modified(keyFor('a')),
        },
        [keyFor('b')]: {
          bytes: sizeOf(2),
          payloadSha256: null,
          lastUsed: await modified(keyFor('b')),
        },
      },
    });
    expect(bitsOf((await restarted.get(keyFor('a'))) ?? {})).toEqual(bitsOf(sampleOutputs(1)));
    expect((await readIndexJson()).entries[keyFor('a')]?.payloadSha256).toBe(
      await recordedChecksum(keyFor('a')),
    );
  });

  it('drops index entries whose file is gone', async () => {
    const first = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    await first.set(keyFor('b'), sampleOutputs(2));
    await rm(entryPath(keyFor('a')));
    const restarted = await open();
    expect(restarted.stats()).toEqual({ entries: 1, bytes: sizeOf(2) });
    expect(Object.keys((await readIndexJson()).entries)).toEqual([keyFor('b')]);
  });

  it('a file deleted behind its back is a quiet miss', async () => {
    const cache = await open();
    await cache.set(keyFor('a'), sampleOutputs(1));
    await rm(entryPath(keyFor('a')));
    expect(await cache.get(keyFor('a'))).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('ignores files in the entries folder that are not entries', async () => {
    await mkdir(join(dir, 'entries', 'ab'), { recursive: true });
    await writeFile(join(dir, 'entries', 'ab', 'notes.txt'), 'hello');
    await writeFile(join(dir, 'entries', 'ab', `cd${'0'.repeat(62)}.safetensors`), 'wrong shard');
    await writeFile(join(dir, 'entries', 'stray-file'), 'x');
    const cache = await open();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect(await exists(join(dir, 'entries', 'ab', 'notes.txt'))).toBe(true);
  });
});

describe('DiskCache budget', () => {
  it('[C6] evicts the least recently used entries first', async () => {
    const size = sizeOf(1); // sampleOutputs(seed) entries all have this size for small seeds
    expect(sizeOf(2)).toBe(size);
    const cache = await open({ budgetBytes: Math.floor(2.5 * size) });
    await cache.set(keyFor('a'), sampleOutputs(1));
    time += 1000;
    await cache.set(keyFor('b'), sampleOutputs(2));
    time += 1000;
    expect(await cache.get(keyFor('a'))).toBeDefined(); // a is now more recent than b
    time += 1000;
    await cache.set(keyFor('c'), sampleOutputs(3));
    expect(await exists(entryPath(keyFor('b')))).toBe(false);
    expect(await exists(entryPath(keyFor('a')))).toBe(true);
    expect(await exists(entryPath(keyFor('c')))).toBe(true);
    expect(cache.stats()).toEqual({ entries: 2, bytes: 2 * size });
    expect(Object.keys((await readIndexJson()).entries).sort()).toEqual(
      [keyFor('a'), keyFor('c')].sort(),
    );
    time += 1000;
    await cache.set(keyFor('d'), sampleOutputs(4));
    expect(await exists(entryPath(keyFor('a')))).toBe(false);
    expect(await exists(entryPath(keyFor('c')))).toBe(true);
  });

  it('orders uses within the same millisecond by when they happened', async () => {
    const size = sizeOf(1);
    const cache = await open({ budgetBytes: 2 * size }); // the clock never moves here
    await cache.set(keyFor('a'), sampleOutputs(1));
    await cache.set(keyFor('b'), sampleOutputs(2));
    await cache.get(keyFor('a'));
    await cache.set(keyFor('c'), sampleOutputs(3));
    expect(await exists(entryPath(keyFor('b')))).toBe(false);
    expect(await exists(entryPath(keyFor('a')))).toBe(true);
  });

  it('remembers recency across a restart, and applies a smaller budget on open', async () => {
    const size = sizeOf(1);
    const first = await open();
    for (const label of ['a', 'b', 'c']) {
      await first.set(keyFor(label), sampleOutputs(1));
      time += 1000;
    }
    await first.get(keyFor('a'));
    await first.flush(); // its process exits cleanly, as the CLI does
    const smaller = await open({ budgetBytes: 2 * size });
    expect(smaller.stats()).toEqual({ entries: 2, bytes: 2 * size });
    expect(await exists(entryPath(keyFor('b')))).toBe(false);
    expect(await exists(entryPath(keyFor('a')))).toBe(true);
  });

  it('does not store an entry larger than the whole budget, nor evict for it', async () => {
    const cache = await open({ budgetBytes: sizeOf(1) + 10 });
    await cache.set(keyFor('a'), sampleOutputs(1));
    expect(await cache.set(keyFor('big'), { huge: Tensor.zeros('float32', [1000]) })).toBe(false);
    expect(await exists(entryPath(keyFor('big')))).toBe(false);
    expect(await exists(entryPath(keyFor('a')))).toBe(true);
  });
});

describe('DiskCache temporary files', () => {
  const deadPid = (): number => {
    const child = spawnSync(process.execPath, ['-e', '']);
    return child.pid;
  };

  it('sweeps a leftover temp file of a killed writer on open, and never shows it as an entry', async () => {
    const cache = await open();
    const key = keyFor('half-written');
    await cache.set(keyFor('kept'), sampleOutputs(1));
    const shard = join(dir, 'entries', key.slice(0, 2));
    await mkdir(shard, { recursive: true });
    const pid = deadPid();
    const leftover = temporaryPathFor(entryPath(key)).replace(`.${process.pid}.`, `.${pid}.`);
    const full = joinEntry(encodeEntry(sampleOutputs(2)) as EncodedEntry);
    await writeFile(leftover, full.subarray(0, 100)); // the process died mid-write
    const indexLeftover = temporaryPathFor(join(dir, 'index.json')).replace(
      `.${process.pid}.`,
      `.${pid}.`,
    );
    await writeFile(indexLeftover, '{"format":');

    const restarted = await open();
    expect(await exists(leftover)).toBe(false);
    expect(await exists(indexLeftover)).toBe(false);
    expect(await restarted.get(key)).toBeUndefined();
    expect(restarted.stats().entries).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('keeps a fresh temp file of a live writer, but sweeps one older than an hour', async () => {
    await open();
    const key = keyFor('in-progress');
    const shard = join(dir, 'entries', key.slice(0, 2));
    await mkdir(shard, { recursive: true });
    const live = temporaryPathFor(entryPath(key)); // this process: alive
    const old = temporaryPathFor(entryPath(key));
    await writeFile(live, 'partial');
    await writeFile(old, 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    time = Date.now();
    await open();
    expect(await exists(live)).toBe(true);
    expect(await exists(old)).toBe(false);
  });

  it('leaves no temp file behind after writes', async () => {
    const cache = await open();
    for (const label of ['a', 'b', 'c']) await cache.set(keyFor(label), sampleOutputs(1));
    const names: string[] = [...(await readdir(dir))];
    for (const shard of await readdir(join(dir, 'entries')))
      names.push(...(await readdir(join(dir, 'entries', shard))));
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(names.filter((name) => name.endsWith('.safetensors'))).toHaveLength(3);
  });
});

describe('DiskCache shared by processes', () => {
  it('[C6] two caches on one folder see each other’s entries and lose none', async () => {
    const first = await open();
    const second = await open();
    await Promise.all([
      first.set(keyFor('from-first'), sampleOutputs(1)),
      second.set(keyFor('from-second'), sampleOutputs(2)),
      first.set(keyFor('both'), sampleOutputs(3)),
      second.set(keyFor('both'), sampleOutputs(3)),
    ]);
    // Each finds what the other wrote, though its own index never listed it.
    expect(bitsOf((await first.get(keyFor('from-second'))) ?? {})).toEqual(
      bitsOf(sampleOutputs(2)),
    );
    expect(bitsOf((await second.get(keyFor('from-first'))) ?? {})).toEqual(
      bitsOf(sampleOutputs(1)),
    );
    const third = await open();
    expect(third.stats().entries).toBe(3);
    for (const [label, seed] of [
      ['from-first', 1],
      ['from-second', 2],
      ['both', 3],
    ] as const) {
      expect(bitsOf((await third.get(keyFor(label))) ?? {})).toEqual(bitsOf(sampleOutputs(seed)));
    }
    expect(warnings).toEqual([]);
  });

  it('accepts an intact entry another process rewrote with other bytes', async () => {
    const first = await open();
    const second = await open();
    await first.set(keyFor('a'), sampleOutputs(1));
    await second.set(keyFor('a'), { text: 'recomputed elsewhere' });
    expect(await first.get(keyFor('a'))).toEqual({ text: 'recomputed elsewhere' });
    expect(await exists(entryPath(keyFor('a')))).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('[C6] two real processes writing the same folder at once leave every entry intact', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const writer = fileURLToPath(new URL('./sharedFolderWriter.ts', import.meta.url));
    const count = 12;
    const runWriter = (label: string): Promise<{ code: number | null; errors: string }> =>
      new Promise((resolve) => {
        const child = spawn(
          process.execPath,
          ['bin/run-ts.js', writer, dir, label, String(count)],
          { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let errors = '';
        child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        child.on('close', (code) => resolve({ code, errors }));
      });
    const results = await Promise.all([runWriter('left'), runWriter('right')]);
    expect(results).toEqual([
      { code: 0, errors: '' },
      { code: 0, errors: '' },
    ]);

    const cache = await open();
    expect(cache.stats().entries).toBe(3 * count); // shared keys + each writer's own
    for (let index = 0; index < count; index++) {
      for (const label of ['shared', 'left', 'right']) {
        const stored = await cache.get(keyFor(`${label}-${index}`));
        expect(bitsOf(stored ?? {}), `${label}-${index}`).toEqual(
          bitsOf(sharedEntryOutputs(label, index)),
        );
      }
    }
    expect(warnings).toEqual([]);
  });
});
