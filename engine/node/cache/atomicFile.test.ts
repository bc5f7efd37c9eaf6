import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isTemporaryName,
  sweepTemporaryFiles,
  temporaryPathFor,
  writeAll,
  writeFileAtomic,
} from './atomicFile.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const host = hostname().replace(/[^A-Za-z0-9-]/g, '-') || 'host';

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one, leaving no temporary file', async () => {
    const path = join(dir, 'x.bin');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
    await writeFileAtomic(path, new Uint8Array([9]));
    expect([...(await readFile(path))]).toEqual([9]);
    expect(await readdir(dir)).toEqual(['x.bin']);
  });

  it('never lets a reader see a half-written file', async () => {
    const path = join(dir, 'big.bin');
    const before = new Uint8Array(1 << 20).fill(1);
    const after = new Uint8Array(24 << 20).fill(2);
    await writeFileAtomic(path, before);
    let writing = true;
    const write = writeFileAtomic(path, after).finally(() => (writing = false));
    const seen: string[] = [];
    while (writing) {
      const bytes = await readFile(path);
      const whole =
        (bytes.byteLength === before.byteLength && bytes.every((b) => b === 1)) ||
        (bytes.byteLength === after.byteLength && bytes.every((b) => b === 2));
      if (!whole) seen.push(`a torn file of ${bytes.byteLength} bytes`);
    }
    await write;
    expect(seen).toEqual([]);
    expect((await readFile(path)).byteLength).toBe(after.byteLength);
  });

  it('on failure throws, keeps the old target and removes its temporary file', async () => {
    const path = join(dir, 'target');
    await mkdir(join(path, 'inside'), { recursive: true }); // rename cannot replace a folder
    await expect(writeFileAtomic(path, new Uint8Array([1]))).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['target']);
    expect(await readdir(path)).toEqual(['inside']);
  });
});

describe('writing parts', () => {
  it('writeFileAtomic writes parts one after the other, empty ones and thousands of them too', async () => {
    const path = join(dir, 'parts.bin');
    // More parts than one writev takes (IOV_MAX is 1024 on Linux).
    const parts = Array.from({ length: 2500 }, (_, index) =>
      new Uint8Array(index % 3).fill(index % 251),
    );
    await writeFileAtomic(path, parts, { sync: false });
    const expected = parts.flatMap((part) => [...part]);
    expect(expected).toHaveLength(2499);
    expect([...(await readFile(path))]).toEqual(expected);
    await writeFileAtomic(path, []);
    expect((await readFile(path)).byteLength).toBe(0);
    expect(await readdir(dir)).toEqual(['parts.bin']);
  });

  it('writeAll goes on after short writes, from the byte where each stopped', async () => {
    const written: number[] = [];
    const calls: number[] = [];
    const stingy = {
      writev(buffers: Uint8Array[]): Promise<{ bytesWritten: number }> {
        calls.push(buffers.length);
        let budget = 3;
        for (const buffer of buffers) {
          for (const byte of buffer) {
            if (budget-- === 0) return Promise.resolve({ bytesWritten: 3 });
            written.push(byte);
          }
        }
        return Promise.resolve({ bytesWritten: 3 - Math.max(budget, 0) });
      },
    };
    await writeAll(stingy, [
      new Uint8Array([1, 2]),
      new Uint8Array([]),
      new Uint8Array([3, 4, 5, 6, 7]),
      new Uint8Array([8]),
    ]);
    expect(written).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(calls).toEqual([3, 2, 2]);
  });

  it('writeAll fails instead of spinning when nothing is written', async () => {
    const full = { writev: () => Promise.resolve({ bytesWritten: 0 }) };
    await expect(writeAll(full, [new Uint8Array([1])])).rejects.toThrow(
      'The disk accepted no more bytes.',
    );
  });
});

describe('temporaryPathFor', () => {
  it('is a hidden file beside the target naming this host and process', () => {
    const path = join(dir, 'entries', 'ab', 'abc.safetensors');
    const temporary = temporaryPathFor(path);
    expect(dirname(temporary)).toBe(dirname(path));
    expect(basename(temporary)).toMatch(
      new RegExp(`^\\.abc\\.safetensors\\.${host}\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`),
    );
    expect(isTemporaryName(basename(temporary))).toBe(true);
    expect(temporaryPathFor(path)).not.toBe(temporary);
  });

  it('tells temporary names from entry names', () => {
    expect(isTemporaryName('abc.safetensors')).toBe(false);
    expect(isTemporaryName('index.json')).toBe(false);
    expect(isTemporaryName('.index.json.box.12.0a0b0c0d.tmp')).toBe(true);
  });
});

describe('sweepTemporaryFiles', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid;

  async function leftover(name: string, ageMs: number): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, 'partial');
    const time = new Date(now - ageMs);
    await utimes(path, time, time);
    return path;
  }

  it('removes what dead writers of this host left, and what is over an hour old', async () => {
    await leftover(`.a.safetensors.${host}.${deadPid}.00000001.tmp`, 1000);
    await leftover(`.b.safetensors.${host}.${process.pid}.00000002.tmp`, 1000);
    await leftover(`.c.safetensors.${host}.${process.pid}.00000003.tmp`, 2 * 3600_000);
    await leftover(`.d.safetensors.elsewhere.${deadPid}.00000004.tmp`, 1000);
    await leftover(`.e.safetensors.elsewhere.${deadPid}.00000005.tmp`, 2 * 3600_000);
    await leftover('f.safetensors', 10 * 3600_000);
    await leftover('notes.tmp', 10 * 3600_000);
    expect(await sweepTemporaryFiles(dir, { now })).toBe(3);
    expect((await readdir(dir)).sort()).toEqual([
      `.b.safetensors.${host}.${process.pid}.00000002.tmp`, // alive, fresh
      `.d.safetensors.elsewhere.${deadPid}.00000004.tmp`, // another host's: fresh
      'f.safetensors',
      'notes.tmp',
    ]);
  });

  it('honours a shorter age limit', async () => {
    await leftover(`.b.safetensors.${host}.${process.pid}.00000002.tmp`, 5000);
    expect(await sweepTemporaryFiles(dir, { now, maxAgeMs: 1000 })).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('does nothing for a folder that does not exist', async () => {
    expect(await sweepTemporaryFiles(join(dir, 'missing'))).toBe(0);
  });
});
