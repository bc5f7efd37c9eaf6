/**
 * files.list / read / write / upload: the editor's open, save, save-as and
 * drop, confined to the workspace (workspace.ts). Hidden names (".git",
 * temp files, ".previews") are not listed.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  FileEntry,
  OperationParams,
  OperationResults,
} from '../../common/protocol/messages.ts';
import { sanitizeFileName, splitExtension } from '../io/fileNames.ts';
import { ProtocolFailure } from './failure.ts';
import { extensionOf, UPLOAD_EXTENSIONS, WRITE_EXTENSIONS } from './fileTypes.ts';
import { createFile, replaceFile } from './writeFiles.ts';
import type { Workspace } from './workspace.ts';
import { isInside } from './workspace.ts';

/** Text read through the protocol (graphs, prompt lists); media goes through the file route. */
export const READ_LIMIT_BYTES = 64 * 1024 * 1024;
const GRAPH_EXTENSION = '.weft.json';
/** What a base64 upload of the protocol's largest message decodes to. */
export const UPLOAD_LIMIT_BYTES = 192 * 1024 * 1024;

export async function listFiles(
  workspace: Workspace,
  params: OperationParams<'files.list'>,
): Promise<OperationResults['files.list']> {
  const dir = workspace.segments(params.dir).join('/');
  const folder = await workspace.resolveExisting(dir);
  if (!(await stat(folder)).isDirectory())
    throw new ProtocolFailure('BAD_REQUEST', `"${dir}" is a file, not a folder.`);
  const entries: FileEntry[] = [];
  for (const dirent of await readdir(folder, { withFileTypes: true })) {
    if (dirent.name.startsWith('.')) continue;
    const absolute = join(folder, dirent.name);
    // Follow symlinks, but only list those that stay inside (and are not broken).
    if (dirent.isSymbolicLink()) {
      const real = await realpath(absolute).catch(() => undefined);
      if (real === undefined || !isInside(workspace.realRoot, real)) continue;
    }
    const info = await stat(absolute).catch(() => undefined);
    if (!info || !(info.isFile() || info.isDirectory())) continue;
    entries.push({
      name: dirent.name,
      path: dir === '' ? dirent.name : `${dir}/${dirent.name}`,
      kind: info.isDirectory() ? 'dir' : 'file',
      size: info.isDirectory() ? 0 : info.size,
      modified: Math.round(info.mtimeMs),
    });
  }
  entries.sort(
    (a, b) =>
      Number(b.kind === 'dir') - Number(a.kind === 'dir') ||
      compareNames(a.name.toLowerCase(), b.name.toLowerCase()) ||
      compareNames(a.name, b.name),
  );
  return { dir, entries };
}

export async function readTextFile(
  workspace: Workspace,
  params: OperationParams<'files.read'>,
): Promise<OperationResults['files.read']> {
  const path = workspace.segments(params.path).join('/');
  const real = await workspace.resolveExisting(path);
  const handle = await open(real, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      throw new ProtocolFailure('BAD_REQUEST', `"${path}" is a folder; choose a file inside it.`);
    if (info.size > READ_LIMIT_BYTES)
      throw new ProtocolFailure(
        'BAD_REQUEST',
        `"${path}" is ${megabytes(info.size)}, more than the ${megabytes(READ_LIMIT_BYTES)} a graph or text file may have here.`,
      );
    return { path, text: (await handle.readFile()).toString('utf8') };
  } finally {
    await handle.close();
  }
}

export async function writeTextFile(
  workspace: Workspace,
  params: OperationParams<'files.write'>,
): Promise<OperationResults['files.write']> {
  const path = workspace.segments(params.path).join('/');
  if (!WRITE_EXTENSIONS.has(extensionOf(path)))
    throw new ProtocolFailure(
      'BAD_REQUEST',
      `Weft saves graphs (.weft.json) and text files (${[...WRITE_EXTENSIONS].join(', ')}) here, not "${path}".`,
      { field: 'path' },
    );
  const target = await workspace.resolveForWrite(path);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory())
    throw new ProtocolFailure('BAD_REQUEST', `"${path}" is a folder; choose another name.`, {
      field: 'path',
    });
  const bytes = Buffer.from(params.text, 'utf8');
  if (params.overwrite) {
    await replaceFile(target, bytes);
  } else if (!(await createFile(target, bytes))) {
    throw new ProtocolFailure(
      'FILE_EXISTS',
      `"${path}" already exists. Choose another name, or confirm to replace it.`,
      { field: 'path' },
    );
  }
  return { path };
}

/**
 * A dropped file: kept under its own (sanitized) name in `dir` (default
 * "inputs"), numbered "name-2.png", "name-3.png", … when taken; never
 * overwrites.
 */
export async function uploadFile(
  workspace: Workspace,
  params: OperationParams<'files.upload'>,
): Promise<OperationResults['files.upload']> {
  const name = sanitizeFileName(params.name);
  if (!UPLOAD_EXTENSIONS.has(extensionOf(name)))
    throw new ProtocolFailure(
      'BAD_REQUEST',
      `"${params.name}" is not an image, audio, video or graph file Weft can use; drop a PNG, JPEG, WebP, WAV, FLAC, MP3, MP4, WebM or .weft.json file.`,
      { field: 'name' },
    );
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(params.dataBase64))
    throw new ProtocolFailure('BAD_REQUEST', `The data of "${params.name}" is not base64.`, {
      field: 'dataBase64',
    });
  const bytes = Buffer.from(params.dataBase64, 'base64');
  if (bytes.length > UPLOAD_LIMIT_BYTES)
    throw new ProtocolFailure(
      'BAD_REQUEST',
      `"${params.name}" is ${megabytes(bytes.length)}; files up to ${megabytes(UPLOAD_LIMIT_BYTES)} can be dropped. Copy larger ones into the workspace folder instead.`,
    );
  const dir = workspace.segments(params.dir ?? 'inputs').join('/');
  const { stem, extension } = name.toLowerCase().endsWith(GRAPH_EXTENSION)
    ? { stem: name.slice(0, -GRAPH_EXTENSION.length), extension: GRAPH_EXTENSION }
    : splitExtension(name);
  for (let number = 1; number < 10_000; number++) {
    const candidate = `${dir ? `${dir}/` : ''}${number === 1 ? stem : `${stem}-${number}`}${extension}`;
    const target = await workspace.resolveForWrite(candidate);
    if (await createFile(target, bytes)) return { path: candidate };
  }
  throw new ProtocolFailure(
    'FILE_EXISTS',
    `The folder "${dir}" already holds 9999 files named like "${name}"; rename the file before dropping it.`,
  );
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
