/**
 * The file work main does itself, always on a path the user picked in a
 * native dialog (save as, import) or inside the open workspace: atomic
 * writes, copies that never overwrite, and the workspace-relative form of a
 * path.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { GRAPH_EXTENSION } from './fileArgs.ts';
import { isInside } from './appFiles.ts';

/** The name a saved graph gets: `x` → `x.weft.json`, `x.json` → `x.weft.json`. */
export function withGraphExtension(path: string): string {
  if (path.toLowerCase().endsWith(GRAPH_EXTENSION)) return path;
  if (path.toLowerCase().endsWith('.json'))
    return `${path.slice(0, -'.json'.length)}${GRAPH_EXTENSION}`;
  return `${path}${GRAPH_EXTENSION}`;
}

export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `path` relative to the workspace with "/" separators, or undefined when outside it. */
export function toWorkspacePath(workspace: string, path: string): string | undefined {
  if (!isInside(workspace, path)) return undefined;
  const rel = relative(workspace, path);
  return rel === '' ? undefined : rel.split(sep).join('/');
}

/**
 * Copies a picked file into `<workspace>/<folder>/`, keeping its name unless
 * taken (then `name-2.ext`, …); returns the workspace-relative path.
 */
export async function copyIntoWorkspace(
  source: string,
  workspace: string,
  folder = 'inputs',
): Promise<string> {
  const target = join(workspace, folder);
  await mkdir(target, { recursive: true });
  const extension = extname(source);
  const stem = basename(source, extension);
  for (let attempt = 1; attempt <= 1000; attempt += 1) {
    const name = attempt === 1 ? `${stem}${extension}` : `${stem}-${attempt}${extension}`;
    try {
      await copyFile(source, join(target, name), constants.COPYFILE_EXCL);
      return `${folder}/${name}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Too many files named like “${stem}${extension}” in ${folder}/; tidy it up.`);
}
