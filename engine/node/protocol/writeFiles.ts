/**
 * The two ways the host writes a workspace file, both atomic (a reader sees
 * the old file or the new one, never half of one):
 * - replace: temp file + rename over the target;
 * - create: temp file + hard link to the target, which fails instead of
 *   replacing a file that is there (even one that appeared a moment ago).
 *   Where hard links are not supported, an exclusive copy keeps the promise.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, constants, link, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../cache/atomicFile.ts';
import { errnoCode } from './failure.ts';

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

export async function replaceFile(path: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomic(path, bytes);
}

/** Writes a new file; false (and nothing written) when the name is taken. */
export async function createFile(path: string, bytes: Uint8Array): Promise<boolean> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString('hex')}.weft-partial`,
  );
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') return false;
    if (!LINK_UNSUPPORTED.has(code ?? '')) throw error;
    try {
      await copyFile(temporary, path, constants.COPYFILE_EXCL);
      return true;
    } catch (copyError) {
      if (errnoCode(copyError) === 'EEXIST') return false;
      throw copyError;
    }
  } finally {
    await rm(temporary, { force: true });
  }
}
