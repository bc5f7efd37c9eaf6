/**
 * The library as the CLI, `weft serve` and the desktop app open it: the
 * user's folder and search paths from config.json, plus the repository's
 * generated fixture models as a built-in search path ("bundled"), so the
 * examples run before anything is downloaded.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WeftPaths } from '../paths.ts';
import { readModelConfig } from './config.ts';
import type { ModelLibraryOptions } from './library.ts';
import { ModelLibrary } from './library.ts';

/** resources/fixtures/models (written by `npm run fixtures`; git ignores it). */
export const BUNDLED_MODELS = fileURLToPath(
  new URL('../../../resources/fixtures/models', import.meta.url),
);

export async function openUserLibrary(
  paths: WeftPaths,
  options: Pick<ModelLibraryOptions, 'inspect' | 'hashFile' | 'onWarning'> & {
    bundled?: string | false;
  } = {},
): Promise<ModelLibrary> {
  const config = await readModelConfig(paths);
  const bundled = options.bundled === undefined ? BUNDLED_MODELS : options.bundled;
  return ModelLibrary.open({
    root: config.root,
    searchPaths: config.searchPaths,
    ...(bundled !== false && existsSync(bundled) ? { bundled } : {}),
    cacheDir: paths.cache,
    ...(options.inspect ? { inspect: options.inspect } : {}),
    ...(options.hashFile ? { hashFile: options.hashFile } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}
