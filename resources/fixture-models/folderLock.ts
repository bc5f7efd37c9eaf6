/**
 * A lock between processes that share a folder: whoever creates `<path>` (mkdir is
 * atomic) holds it, with its pid and start time inside. A lock whose process is
 * gone (killed by Ctrl+C) or that is older than maxAgeMs is broken by the next
 * waiter. Breaking renames the lock aside first, so two waiters never both
 * remove it; a waiter that judged a lock stale just as its owner replaced it can
 * still break the new one, so callers keep their own writes safe against a
 * second holder (see ensure.ts's install).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LockOptions {
  maxAgeMs?: number;
  pollMs?: number;
  /** Checked while waiting: when it says true, stop waiting without the lock. */
  noLongerNeeded?: () => Promise<boolean>;
}

/** Resolves to a release function, or to undefined when noLongerNeeded said so first. */
export async function acquireFolderLock(
  path: string,
  options: LockOptions = {},
): Promise<(() => Promise<void>) | undefined> {
  const { maxAgeMs = 5 * 60_000, pollMs = 100, noLongerNeeded } = options;
  for (;;) {
    if (await tryCreate(path)) return () => rm(path, { recursive: true, force: true });
    if (await isStale(path, maxAgeMs)) {
      const broken = `${path}-broken-${process.pid}-${randomBytes(4).toString('hex')}`;
      if (
        await rename(path, broken).then(
          () => true,
          () => false,
        )
      )
        await rm(broken, { recursive: true, force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    if (noLongerNeeded && (await noLongerNeeded())) return undefined;
  }
}

/** Whether a process with this id is running (EPERM: it is, under another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    await mkdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await writeFile(
    join(path, 'owner.json'),
    JSON.stringify({ pid: process.pid, since: Date.now() }),
  );
  return true;
}

async function isStale(path: string, maxAgeMs: number): Promise<boolean> {
  try {
    const owner = JSON.parse(await readFile(join(path, 'owner.json'), 'utf8')) as {
      pid: number;
      since: number;
    };
    return !isProcessAlive(owner.pid) || Date.now() - owner.since > maxAgeMs;
  } catch {
    // No owner file: just created (give its owner a moment to write it) or its owner died.
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > 10_000;
  }
}
