/**
 * Finds the models in one library root: `<root>/<kind>/…` for each kind.
 * In a kind folder,
 * - `<name>.onnx` is a model (with its external-data files beside it);
 * - a folder with model_index.json or unet/, text_encoder/, vae_decoder/
 *   model.onnx is a diffusion pipeline;
 * - any other folder holding one .onnx file (at any depth up to 4) is that
 *   model, named after the folder; holding several, each is a model named
 *   `<folder>/<file stem>`.
 * Hidden files, downloads in progress (.part) and files that are not model
 * data (READMEs, images, PyTorch weights: NOT_MODEL_DATA) are skipped.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { ModelKind } from './kinds.ts';
import { MODEL_KINDS } from './kinds.ts';
import { looksLikePipeline } from './recognisePipeline.ts';

export interface FoundFile {
  /** Relative to the candidate's base folder, '/'-separated. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface Candidate {
  name: string;
  folderKind: ModelKind;
  type: 'file' | 'pipeline';
  /** The .onnx file, or the pipeline folder. */
  path: string;
  /** The folder the files' paths are relative to. */
  base: string;
  /** Unique within the root, '/'-separated: the manifest key. */
  key: string;
  /** The main file first for file models. */
  files: FoundFile[];
}

/**
 * Not part of an ONNX model: documentation, pictures, and the PyTorch or
 * TensorFlow weights some repositories carry beside their ONNX export.
 * Everything else in a model's folder is (external weights may have any
 * name, even none).
 */
const NOT_MODEL_DATA =
  /(\.(md|rst|html?|png|jpe?g|gif|webp|svg|safetensors|bin|pt|pth|ckpt|msgpack|h5|tflite|py|ipynb|lock|zip|tar|gz)$)|^(readme|licen[cs]e|notice|copying)/i;
const MAX_DEPTH = 4;

export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || /\.part(\.json)?$/.test(name) || name.endsWith('.weft.json');
}

export async function findCandidates(root: string): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const kind of MODEL_KINDS) {
    const folder = join(root, kind);
    for (const entry of await listFolder(folder)) {
      const path = join(folder, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) candidates.push(...(await folderCandidates(root, kind, path)));
      else if (info.isFile() && entry.name.toLowerCase().endsWith('.onnx')) {
        const siblings = await filesIn(folder, 1);
        candidates.push(
          fileCandidate(root, kind, entry.name.slice(0, -5), path, folder, siblings, false),
        );
      }
    }
  }
  return candidates;
}

/** The model(s) at a path outside any library (`weft models inspect PATH`). */
export async function candidatesAt(path: string, kind: ModelKind = 'onnx'): Promise<Candidate[]> {
  const info = await stat(path);
  if (info.isDirectory()) return folderCandidates(dirname(path), kind, path);
  const folder = dirname(path);
  const siblings = await filesIn(folder, 1);
  const file = basename(path);
  return [fileCandidate(folder, kind, file.replace(/\.onnx$/i, ''), path, folder, siblings, false)];
}

async function folderCandidates(root: string, kind: ModelKind, folder: string) {
  const files = await filesIn(folder, MAX_DEPTH);
  const name = basename(folder);
  if (looksLikePipeline(files.map((file) => file.path))) {
    const candidate: Candidate = {
      name,
      folderKind: kind,
      type: 'pipeline',
      path: folder,
      base: folder,
      key: keyOf(root, folder),
      files,
    };
    return [candidate];
  }
  const models = files.filter((file) => file.path.toLowerCase().endsWith('.onnx'));
  return models.map((model) => {
    const stem = basename(model.path).slice(0, -5);
    const path = join(folder, ...model.path.split('/'));
    return fileCandidate(
      root,
      kind,
      models.length === 1 ? name : `${name}/${stem}`,
      path,
      folder,
      files,
      models.length === 1,
    );
  });
}

/**
 * A single-model file with its external data: when it is the only model of
 * its folder, every file there; otherwise the files named after it
 * (`x.onnx_data`, `x.onnx.data`, `x.data`, `x.onnx.json`).
 */
function fileCandidate(
  root: string,
  kind: ModelKind,
  name: string,
  path: string,
  base: string,
  files: FoundFile[],
  onlyModel: boolean,
): Candidate {
  const main = relative(base, path).split(sep).join('/');
  const stem = main.slice(0, -5);
  const belongs = (file: FoundFile) =>
    file.path !== main &&
    (onlyModel ||
      file.path.startsWith(`${main}.`) ||
      file.path.startsWith(`${main}_`) ||
      file.path === `${stem}.data`);
  const own = files.find((file) => file.path === main);
  return {
    name,
    folderKind: kind,
    type: 'file',
    path,
    base,
    key: keyOf(root, path),
    files: [...(own ? [own] : []), ...files.filter(belongs)],
  };
}

function keyOf(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

async function listFolder(folder: string): Promise<Dirent[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((entry) => !isSkippedName(entry.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/** Model-data files under `folder` (symbolic links followed), relative paths. */
async function filesIn(folder: string, depth: number, prefix = ''): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  for (const entry of await listFolder(join(folder, prefix))) {
    const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
    const info = await stat(join(folder, relativePath)).catch(() => undefined);
    if (!info) continue;
    if (info.isDirectory()) {
      if (depth > 1) found.push(...(await filesIn(folder, depth - 1, relativePath)));
    } else if (info.isFile() && !NOT_MODEL_DATA.test(entry.name)) {
      found.push({ path: relativePath, size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return found;
}

export function absoluteFile(candidate: { base: string }, file: { path: string }): string {
  return join(candidate.base, ...file.path.split('/'));
}
