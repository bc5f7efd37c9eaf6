/**
 * The InputFiles adapter: nodes read files only inside the folders the user
 * allowed (the graph's folder first, then each --input-dir). A path is
 * checked twice: as written (so nothing outside is even probed for
 * existence) and after realpath (so a symlink inside cannot lead outside).
 */
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { InputFiles } from '../../common/nodeApi.ts';
import { NodeError } from '../../common/nodeApi.ts';

export interface InputFilesOptions {
  /** Allowed folders; the first one resolves relative paths (the graph's folder). */
  roots: readonly string[];
  /** Told about every file read, so the cache can notice when it changes ([C8]). */
  onRead?: (read: FileRead) => void;
}

/** What a node read, as the cache remembers it. */
export interface FileRead {
  path: string;
  size: number;
  mtimeMs: number;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

/** True when `path` is `root` or lies below it (both absolute and normalized). */
function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return !isAbsolute(fromRoot) && fromRoot.split(/[\\/]/)[0] !== '..';
}

export function createInputFiles(options: InputFilesOptions): InputFiles {
  const roots = options.roots.map((root) => resolve(root));
  let realRoots: Promise<string[]> | undefined;

  function resolvedRoots(): Promise<string[]> {
    realRoots ??= Promise.all(roots.map((root) => realpath(root).catch(() => root)));
    return realRoots;
  }

  function outside(path: string): NodeError {
    const allowed = roots.length > 0 ? roots.join(', ') : 'none yet';
    return new NodeError(
      'FILE_OUTSIDE_ROOTS',
      `The file "${path}" is outside the folders Weft may read (${allowed}). Move it into one of them, or allow its folder with --input-dir.`,
    );
  }

  async function read(path: string): Promise<Uint8Array> {
    if (path.trim() === '') {
      throw new NodeError('FILE_NOT_CHOSEN', 'No file is chosen. Pick a file in the node first.');
    }
    const first = roots[0];
    if (first === undefined && !isAbsolute(path)) throw outside(path);
    const target = resolve(first ?? '', path);
    const real = await resolvedRoots();
    if (
      !roots.some((root) => isInside(root, target)) &&
      !real.some((root) => isInside(root, target))
    ) {
      throw outside(path);
    }
    let realTarget: string;
    try {
      realTarget = await realpath(target);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
        throw new NodeError(
          'FILE_NOT_FOUND',
          `The file "${path}" was not found (looked for ${target}). Check the name, or move the file there.`,
        );
      }
      throw error;
    }
    if (!real.some((root) => isInside(root, realTarget))) throw outside(path);
    try {
      // Stat the open handle, so the fingerprint belongs to the bytes read.
      const handle = await open(realTarget, 'r');
      try {
        const stats = await handle.stat();
        if (stats.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
        const bytes = await handle.readFile();
        options.onRead?.({ path: realTarget, size: stats.size, mtimeMs: stats.mtimeMs });
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (errorCode(error) === 'EISDIR') {
        throw new NodeError(
          'FILE_IS_FOLDER',
          `"${path}" is a folder, not a file (${target}). Choose a file inside it.`,
        );
      }
      throw error;
    }
  }

  return { read };
}
