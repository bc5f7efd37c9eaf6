/**
 * The OutputWriter adapter. Every name a node asks for is sanitized to a
 * plain file name and numbered, "image.png" → "image_00001.png", taking one
 * more than the highest number already in the folder, so outputs sort in the
 * order they were made and are never overwritten.
 *
 * A write goes to a temp file first, which is then hard-linked to its final
 * name: link() fails with EEXIST instead of replacing, so two writers (even
 * in two processes) can never take the same name, and a reader never sees a
 * half-written file. Where hard links are not supported (FAT, some network
 * shares), an exclusive copy keeps the no-overwrite guarantee. A crash
 * between the two steps can leave a ".weft-partial-*" file behind, never a
 * truncated output.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, constants, link, mkdir, open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputWriter, WrittenFile } from '../../common/nodeApi.ts';
import { sanitizeFileName, splitExtension } from './fileNames.ts';

export interface OutputWriterOptions {
  outputDir: string;
  /** Scratch folder for previews (the UI may clean it). */
  previewDir: string;
}

const DIGITS = 5;
const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The highest number already used for stem_NNNNN.ext in the folder (0 when none). */
async function highestNumber(dir: string, stem: string, extension: string): Promise<number> {
  const pattern = new RegExp(`^${escapeRegExp(stem)}_(\\d{${DIGITS},})${escapeRegExp(extension)}$`);
  let highest = 0;
  for (const name of await readdir(dir)) {
    const match = pattern.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

async function writeTemp(dir: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, `.weft-partial-${randomUUID()}`);
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}

/** Gives `temp` the name `target` unless that name exists; true when it did. */
async function claim(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (!code || !LINK_UNSUPPORTED.has(code)) throw error;
  }
  try {
    await copyFile(temp, target, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

export function createOutputWriter(
  options: OutputWriterOptions,
): OutputWriter & { written(): WrittenFile[] } {
  const files: WrittenFile[] = [];
  /**
   * The last number handed out per folder and name, as a promise chain: each
   * call takes one more than the previous, so parallel writes in this process
   * never even try the same name, and the folder is scanned only once.
   */
  const lastNumbers = new Map<string, Promise<number>>();

  function nextNumber(dir: string, stem: string, extension: string): Promise<number> {
    const key = `${dir}\0${stem}${extension}`;
    const previous = lastNumbers.get(key) ?? highestNumber(dir, stem, extension);
    const mine = previous.then((last) => last + 1);
    lastNumbers.set(key, mine);
    mine.catch(() => {
      if (lastNumbers.get(key) === mine) lastNumbers.delete(key);
    });
    return mine;
  }

  async function write(
    fileName: string,
    bytes: Uint8Array,
    kind: WrittenFile['kind'] = 'output',
  ): Promise<WrittenFile> {
    const dir = kind === 'preview' ? options.previewDir : options.outputDir;
    await mkdir(dir, { recursive: true });
    const { stem, extension } = splitExtension(sanitizeFileName(fileName));
    const temp = await writeTemp(dir, bytes);
    try {
      for (;;) {
        const number = await nextNumber(dir, stem, extension);
        const path = join(dir, `${stem}_${String(number).padStart(DIGITS, '0')}${extension}`);
        if (await claim(temp, path)) {
          const file: WrittenFile = { path, kind };
          files.push(file);
          return file;
        }
      }
    } finally {
      await unlink(temp).catch(() => {});
    }
  }

  return { write, written: () => [...files] };
}
