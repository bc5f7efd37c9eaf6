/**
 * The workspace folder: the one folder a client may read and write through
 * the protocol and the file route. Every path arrives workspace-relative and
 * is checked twice: as written (no "..", no absolute path, no drive letter,
 * so nothing outside is even probed) and after realpath (so a symlink inside
 * cannot lead outside). Paths leave the host workspace-relative, with "/".
 */
import { mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { errnoCode, ProtocolFailure } from './failure.ts';

/** True when `path` is `root` or lies below it (both absolute and normalized). */
export function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot === '' || (!isAbsolute(fromRoot) && fromRoot.split(sep)[0] !== '..');
}

export class Workspace {
  private constructor(
    /** Absolute, as the user named it. */
    readonly root: string,
    /** The same folder with symlinks resolved. */
    readonly realRoot: string,
  ) {}

  static async open(root: string): Promise<Workspace> {
    const absolute = resolve(root);
    const info = await stat(absolute).catch(() => undefined);
    if (!info?.isDirectory())
      throw new Error(`The workspace folder ${absolute} does not exist or is not a folder.`);
    return new Workspace(absolute, await realpath(absolute));
  }

  /**
   * The parts of a workspace path; refuses anything that could leave the
   * folder. "" (or undefined) is the workspace itself.
   */
  segments(path: string | undefined): string[] {
    if (path === undefined || path === '') return [];
    const parts = path.split('/').filter((part) => part !== '.');
    const refused =
      path.startsWith('/') ||
      /^[A-Za-z]:/.test(path) ||
      parts.some(
        (part) =>
          part === '' ||
          part === '..' ||
          part.includes('\\') ||
          part.includes('\0') ||
          (sep === '\\' && part.includes(':')),
      );
    if (refused) throw outside(path);
    return parts;
  }

  /** An existing file or folder's real path (symlinks resolved, checked to be inside). */
  async resolveExisting(path: string | undefined): Promise<string> {
    const target = join(this.root, ...this.segments(path));
    let real: string;
    try {
      real = await realpath(target);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR')
        throw new ProtocolFailure('NOT_FOUND', `"${path ?? ''}" is not in the workspace.`);
      throw error;
    }
    if (!isInside(this.realRoot, real)) throw outside(path ?? '');
    return real;
  }

  /**
   * Where to write a file: its parent folders are created, and every folder
   * on the way must really be inside the workspace.
   */
  async resolveForWrite(path: string): Promise<string> {
    const parts = this.segments(path);
    if (parts.length === 0)
      throw new ProtocolFailure('BAD_REQUEST', 'Give the file a name inside the workspace.');
    const target = join(this.root, ...parts);
    const parent = dirname(target);
    await this.#checkNearestExisting(parent, path);
    await mkdir(parent, { recursive: true });
    if (!isInside(this.realRoot, await realpath(parent))) throw outside(path);
    const existing = await realpath(target).catch(() => undefined);
    if (existing !== undefined && !isInside(this.realRoot, existing)) throw outside(path);
    return target;
  }

  /** A workspace path for an absolute one, or undefined when it lies outside. */
  relative(absolute: string): string | undefined {
    for (const root of [this.root, this.realRoot]) {
      if (isInside(root, absolute)) return relative(root, absolute).split(sep).join('/');
    }
    return undefined;
  }

  /** Before creating folders: the deepest folder that exists must be inside. */
  async #checkNearestExisting(folder: string, path: string): Promise<void> {
    let current = folder;
    for (;;) {
      const real = await realpath(current).catch(() => undefined);
      if (real !== undefined) {
        if (!isInside(this.realRoot, real)) throw outside(path);
        return;
      }
      const up = dirname(current);
      if (up === current) throw outside(path);
      current = up;
    }
  }
}

function outside(path: string): ProtocolFailure {
  return new ProtocolFailure(
    'OUTSIDE_WORKSPACE',
    `"${path}" is outside the workspace folder; Weft only reads and writes files inside it. Move the file into the workspace and pick it from there.`,
  );
}
