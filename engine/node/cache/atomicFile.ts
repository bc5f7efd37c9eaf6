/**
 * Atomic file replacement: write a temporary file beside the target, fsync
 * it (unless told not to), rename it over the target. A reader sees the old
 * file or the new one, never half of either, even when the writer is killed
 * mid-write; what a killed writer leaves is a temporary file, which
 * sweepTemporaryFiles removes. The fsync only matters for a power cut or an
 * OS crash: without it the renamed file may then hold fewer or other bytes.
 *
 * Temporary names are ".<name>.<host>.<pid>.<random>.tmp", so a sweep can tell
 * a dead writer's leftovers (same host, process gone) from a live one's.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

const TEMPORARY_NAME = /^\..+\.([A-Za-z0-9-]+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** A leftover this old is swept even when its writer seems alive (its pid was reused). */
const DEFAULT_MAX_TEMPORARY_AGE_MS = 60 * 60 * 1000;

function thisHost(): string {
  return hostname().replace(/[^A-Za-z0-9-]/g, '-') || 'host';
}

export function temporaryPathFor(path: string): string {
  const suffix = `${thisHost()}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  return join(dirname(path), `.${basename(path)}.${suffix}`);
}

export function isTemporaryName(name: string): boolean {
  return TEMPORARY_NAME.test(name);
}

export interface WriteOptions {
  /**
   * fsync before the rename (default true), so that after a power cut the file
   * holds the new bytes or the old ones. Without it, a power cut (not a killed
   * process) may leave it empty or partly written: fine for files that are
   * checked when read and rebuilt or recomputed when damaged.
   */
  sync?: boolean;
}

/**
 * `bytes` may be given as parts written one after the other (one writev, no
 * copy into a single buffer).
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array | readonly Uint8Array[],
  options: WriteOptions = {},
): Promise<void> {
  const temporary = temporaryPathFor(path);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temporary, 'wx');
    await writeAll(handle, bytes instanceof Uint8Array ? [bytes] : bytes);
    if (options.sync !== false) await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The part of a FileHandle that writeAll needs (tests pass one that writes little at a time). */
export interface VectorWriter {
  writev(buffers: Uint8Array[]): Promise<{ bytesWritten: number }>;
}

/**
 * Writes `parts` in order at the handle's position. One writev writes all of
 * them in practice (libuv loops over short writes and IOV_MAX), but its
 * contract allows less, so this goes on from wherever it stopped.
 */
export async function writeAll(handle: VectorWriter, parts: readonly Uint8Array[]): Promise<void> {
  let pending = parts.filter((part) => part.byteLength > 0);
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending);
    if (bytesWritten <= 0) throw new Error('The disk accepted no more bytes.');
    pending = unwritten(pending, bytesWritten);
  }
}

function unwritten(parts: readonly Uint8Array[], written: number): Uint8Array[] {
  let index = 0;
  let left = written;
  while (index < parts.length && left >= (parts[index] as Uint8Array).byteLength) {
    left -= (parts[index] as Uint8Array).byteLength;
    index++;
  }
  const rest = parts.slice(index);
  if (left > 0) rest[0] = (rest[0] as Uint8Array).subarray(left);
  return rest;
}

export interface SweepOptions {
  /** Milliseconds since the epoch; injected by tests. */
  now?: number;
  maxAgeMs?: number;
}

/**
 * Removes the temporary files in `dir` left by writers that are gone: a
 * process of this host that no longer runs, or any file older than maxAgeMs
 * (other hosts sharing the folder, reused pids). Returns how many it removed.
 */
export async function sweepTemporaryFiles(
  dir: string,
  options: SweepOptions = {},
): Promise<number> {
  const now = options.now ?? Date.now();
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_TEMPORARY_AGE_MS;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = TEMPORARY_NAME.exec(name);
    if (match === null) continue;
    const path = join(dir, name);
    const writerGone = match[1] === thisHost() && !processIsAlive(Number(match[2]));
    let stale = writerGone;
    if (!stale) {
      const info = await stat(path).catch(() => undefined);
      stale = info !== undefined && now - info.mtimeMs > maxAgeMs;
    }
    if (stale) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
