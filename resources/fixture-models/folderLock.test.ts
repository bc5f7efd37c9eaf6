import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFolderLock, isProcessAlive } from './folderLock.ts';

let folder: string;
let lock: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'weft-lock-'));
  lock = join(folder, 'models.lock');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('acquireFolderLock', () => {
  it('holds the lock with its pid inside, and a second caller waits until it is released', async () => {
    const release = await acquireFolderLock(lock);
    expect(JSON.parse(await readFile(join(lock, 'owner.json'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    const order: string[] = [];
    const second = acquireFolderLock(lock, { pollMs: 10 }).then((releaseSecond) => {
      order.push('second acquired');
      return releaseSecond;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    order.push('first releases');
    await release!();
    await (await second)!();
    expect(order).toEqual(['first releases', 'second acquired']);
  });

  it('stops waiting without the lock once noLongerNeeded says so', async () => {
    const release = await acquireFolderLock(lock);
    let checks = 0;
    const result = await acquireFolderLock(lock, {
      pollMs: 10,
      noLongerNeeded: async () => ++checks === 3,
    });
    expect(result).toBeUndefined();
    expect(checks).toBe(3);
    await release!();
  });

  it('breaks a lock whose process is gone, or that is older than maxAgeMs', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    expect(isProcessAlive(dead)).toBe(false);
    expect(isProcessAlive(process.pid)).toBe(true);
    await mkdir(lock);
    await writeFile(join(lock, 'owner.json'), JSON.stringify({ pid: dead, since: Date.now() }));
    await (await acquireFolderLock(lock))!();

    await mkdir(lock);
    await writeFile(
      join(lock, 'owner.json'),
      JSON.stringify({ pid: process.pid, since: Date.now() - 60_000 }),
    );
    await (await acquireFolderLock(lock, { maxAgeMs: 30_000 }))!();
  });
});
