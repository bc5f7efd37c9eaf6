/**
 * `weft serve` works from a clean clone: the editor (renderer/) is built
 * into dist/renderer with vite's JS API when that folder is missing or
 * stale. Stale means the stamp written after the last build (a hash of the
 * renderer's sources, the pure engine code and node packs it bundles, and
 * vite.config.ts) differs from the sources now.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Vite from 'vite';
import { errnoCode } from '../protocol/failure.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where `vite build` puts the editor, and what `weft serve` serves. */
export const RENDERER_OUT_DIR = join(REPO_ROOT, 'dist', 'renderer');
const STAMP_FILE = '.weft-build-stamp';

export interface RendererBuildOptions {
  /** The vite root: the folder with index.html (default <repo>/renderer). */
  root?: string;
  /** Where the build goes (default <repo>/dist/renderer). */
  outDir?: string;
  /** The vite config (default <repo>/vite.config.ts); false: none (test fixtures). */
  configFile?: string | false;
  /** Files and folders whose contents the stamp covers. */
  sources?: readonly string[];
  /** Told "Building the editor…" when a build starts. */
  log?: (line: string) => void;
}

export interface RendererBuildResult {
  outDir: string;
  /** False when the existing build was current. */
  built: boolean;
}

export class RendererBuildError extends Error {
  override readonly name = 'RendererBuildError';
}

export async function ensureRendererBuilt(
  options: RendererBuildOptions = {},
): Promise<RendererBuildResult> {
  const root = options.root ?? join(REPO_ROOT, 'renderer');
  const outDir = options.outDir ?? RENDERER_OUT_DIR;
  const configFile = options.configFile ?? join(REPO_ROOT, 'vite.config.ts');
  const sources = options.sources ?? [
    root,
    join(REPO_ROOT, 'engine', 'common'),
    join(REPO_ROOT, 'nodes'),
    ...(configFile ? [configFile] : []),
  ];
  const stamp = await sourceStamp(sources);
  const previous = await readFile(join(outDir, STAMP_FILE), 'utf8').catch(() => undefined);
  const hasIndex = await readFile(join(outDir, 'index.html')).then(
    () => true,
    () => false,
  );
  if (hasIndex && previous?.trim() === stamp) return { outDir, built: false };

  let vite: typeof Vite;
  try {
    vite = await import('vite');
  } catch {
    throw new RendererBuildError(
      'The editor needs to be built, but vite is not installed: run "npm install" in the Weft folder.',
    );
  }
  options.log?.('Building the editor…');
  // Vite takes a NODE_ENV already set over its mode, and vitest sets "test":
  // a build started from a test run bundled React's development build (about
  // ten times slower with a large graph), which serve then kept (same stamp).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      configFile,
      root,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } catch (error) {
    throw new RendererBuildError(
      `The editor could not be built: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await writeFile(join(outDir, STAMP_FILE), `${stamp}\n`);
  return { outDir, built: true };
}

/** A hash of every source file's path and contents (tests and dependencies left out). */
export async function sourceStamp(sources: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  // Part of the stamp so builds made before the production fix are replaced.
  hash.update('production build\0');
  for (const source of sources) {
    for (const file of await filesUnder(source)) {
      hash.update(`${relative(REPO_ROOT, file).split(sep).join('/')}\0`);
      hash.update(await readFile(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

const SKIPPED = /(^|[\\/])(node_modules|dist|\.[^\\/]+)([\\/]|$)|\.test\.tsx?$/;

async function filesUnder(path: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path, { recursive: true, withFileTypes: true });
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOTDIR') return [path];
    if (code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !SKIPPED.test(relative(path, file)))
    .sort();
}
