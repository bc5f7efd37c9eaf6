/**
 * Makes sure the generated fixture models exist and match the generator's
 * sources, regenerating them when not. Any number of processes (vitest fork
 * workers, a CLI) may call it at once, and any of them may be killed midway:
 * - a stamp file, written last, records a hash of the generator's sources and
 *   the size of every file; no stamp, another hash, or a missing or resized file
 *   means the set is stale;
 * - one process at a time generates, holding `models.lock` (folderLock.ts); the
 *   others wait, then find the set fresh;
 * - generation writes into `models.tmp-<pid>-<random>` and renames it into place,
 *   so `models/` only ever holds a complete set; a killed run leaves a temporary
 *   folder that the next run removes. Should two installs ever race (a broken
 *   lock), the first rename wins and the other discards its copy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireFolderLock, isProcessAlive } from './folderLock.ts';

/** resources/fixtures/models (git ignores resources/fixtures/). */
export const FIXTURES_ROOT = fileURLToPath(new URL('../fixtures/models', import.meta.url));
const GENERATOR_FOLDER = fileURLToPath(new URL('.', import.meta.url));
export const STAMP_FILE = '.weft-fixtures.json';

export interface EnsureFixturesOptions {
  /** The models folder; defaults to FIXTURES_ROOT. */
  root?: string;
  /** Regenerate even when the set is fresh. */
  force?: boolean;
  /** Writes the whole set under the folder it is given; defaults to every fixture. */
  write?: (root: string) => Promise<void>;
  /** Where the "generated … in … s" line goes; defaults to stderr. */
  log?: (line: string) => void;
}

interface Stamp {
  generator: string;
  files: Record<string, number>;
}

/** Returns the models folder once it holds a fresh, complete fixture set. */
export async function ensureFixtures(options: EnsureFixturesOptions = {}): Promise<string> {
  const root = options.root ?? FIXTURES_ROOT;
  const generator = await generatorHash();
  const fresh = async () => !options.force && (await isFresh(root, generator));
  if (await fresh()) return root;

  await mkdir(dirname(root), { recursive: true });
  const release = await acquireFolderLock(`${root}.lock`, { noLongerNeeded: fresh });
  if (!release) return root;
  try {
    // Whoever held the lock before us may have just generated the same set.
    if (await fresh()) return root;
    await generate(root, generator, options);
    return root;
  } finally {
    await release();
  }
}

async function generate(
  root: string,
  generator: string,
  options: EnsureFixturesOptions,
): Promise<void> {
  // Imported here, not at the top: generate.ts imports this module for its CLI entry.
  const write = options.write ?? (await import('./generate.ts')).writeFixtures;
  const log = options.log ?? ((line: string) => console.error(line));
  await removeLeftovers(root);
  const started = performance.now();
  const temporary = `${root}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(temporary);
    await write(temporary);
    const files = await listFiles(temporary);
    const stamp: Stamp = { generator, files };
    await writeFile(join(temporary, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
    await install(temporary, root);
    const bytes = Object.values(files).reduce((sum, size) => sum + size, 0);
    const seconds = (performance.now() - started) / 1000;
    const size = bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
    log(
      `fixtures: generated ${Object.keys(files).length} files (${size}) in ${seconds.toFixed(2)} s → ${root}`,
    );
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/**
 * sha256 over the generator's sources: every file under resources/fixture-models/
 * that can change its output (.ts other than tests, and .json/.txt data).
 */
/**
 * The generators import pure engine code (the training schedule, CLIP's BPE),
 * so engine/common counts as a source too: a change there regenerates the
 * fixtures (well under a second) rather than leaving them stale.
 */
const SHARED_SOURCES = fileURLToPath(new URL('../../engine/common/', import.meta.url));

export async function generatorHash(
  folders: readonly string[] = [GENERATOR_FOLDER, SHARED_SOURCES],
): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of folders) {
    const paths = Object.keys(await listFiles(folder)).filter(
      (path) => /\.(ts|json|txt)$/.test(path) && !path.endsWith('.test.ts'),
    );
    for (const path of paths) {
      hash.update(`${path}\0`);
      hash.update(await readFile(join(folder, path)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

async function isFresh(root: string, generator: string): Promise<boolean> {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(await readFile(join(root, STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    return false;
  }
  if (stamp.generator !== generator || typeof stamp.files !== 'object') return false;
  for (const [path, size] of Object.entries(stamp.files)) {
    const info = await stat(join(root, path)).catch(() => undefined);
    if (!info?.isFile() || info.size !== size) return false;
  }
  return true;
}

/** Relative path (with /) → size of every file under the folder but the stamp, sorted. */
async function listFiles(folder: string, prefix = ''): Promise<Record<string, number>> {
  const files: Record<string, number> = {};
  const entries = await readdir(join(folder, prefix), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, await listFiles(folder, path));
    else if (entry.isFile() && path !== STAMP_FILE)
      files[path] = (await stat(join(folder, path))).size;
  }
  return files;
}

/** Moves a complete set into place; the old set (if any) is moved aside, then removed. */
async function install(temporary: string, root: string): Promise<void> {
  const aside = `${root}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
  await rename(root, aside).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  try {
    await rename(temporary, root);
  } catch (error) {
    // Another process installed first: its set is as good as ours (same sources).
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw error;
  }
  await rm(aside, { recursive: true, force: true });
}

/** Temporary and set-aside folders left by processes that are gone (killed mid-generation). */
async function removeLeftovers(root: string): Promise<void> {
  const folder = dirname(root);
  const prefix = `${basename(root)}.`;
  for (const name of await readdir(folder)) {
    const match = /^(?:tmp|old)-(\d+)-/.exec(
      name.startsWith(prefix) ? name.slice(prefix.length) : '',
    );
    if (match && !isProcessAlive(Number(match[1])))
      await rm(join(folder, name), { recursive: true, force: true });
  }
}
