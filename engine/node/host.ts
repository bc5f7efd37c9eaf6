/**
 * Builds the engine the way every host (CLI, `weft serve`, desktop) uses it:
 * the default node packs, sharp for images, the two-tier cache.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { createDefaultRegistry } from '../../nodes/index.ts';
import { createCache } from './cache/tieredCache.ts';
import { Engine } from './engine.ts';
import { createSharpImageCodec } from './media/sharpImages.ts';
import type { EngineModels } from './engine.ts';
import type { ModelLibrary } from './models/library.ts';
import type { ProviderSetting } from './onnx/providers.ts';
import type { WeftPaths } from './paths.ts';

export interface HostOptions {
  paths: WeftPaths;
  /** The environment to read WEFT_* settings from (default: the process's). */
  env?: NodeJS.ProcessEnv;
  /** false: no cache at all; otherwise the disk tier lives in this folder. */
  cacheDir: string | false;
  memoryBudgetBytes?: number;
  diskBudgetBytes?: number;
  concurrency?: number;
  /** Which execution provider ONNX Runtime should use ('auto' picks the best available). */
  provider?: ProviderSetting;
  onWarning?: (message: string) => void;
  /** Where informational lines go (e.g. "fixtures: generated …"). */
  onInfo?: (message: string) => void;
}

export const DEFAULT_MEMORY_BUDGET = 2 * 1024 ** 3;
export const DEFAULT_DISK_BUDGET = 20 * 1024 ** 3;

export async function createHostEngine(options: HostOptions): Promise<Engine> {
  const cache =
    options.cacheDir === false
      ? undefined
      : await createCache({
          memoryBudgetBytes: options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET,
          diskDir: options.cacheDir,
          diskBudgetBytes: options.diskBudgetBytes ?? DEFAULT_DISK_BUDGET,
          ...(options.onWarning ? { onWarning: options.onWarning } : {}),
        });
  return new Engine({
    registry: createDefaultRegistry(),
    images: createSharpImageCodec(),
    ...(cache ? { cache } : {}),
    runsDir: options.paths.runs,
    provider: options.provider ?? 'auto',
    models: () => openModels(options),
    versions: versions(),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}

let cachedVersions: Record<string, string> | undefined;

/** Versions of everything that can change a result, for run records. */
export function versions(): Record<string, string> {
  if (!cachedVersions) {
    const weft = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    cachedVersions = {
      weft: weft.version,
      node: process.versions.node,
      sharp: sharp.versions.sharp ?? 'unknown',
      platform: `${process.platform}-${process.arch}`,
    };
  }
  return cachedVersions;
}

/**
 * ONNX Runtime and the model library, loaded on first need (loading the
 * runtime costs start-up time that graphs without models should not pay).
 */
async function openModels(options: HostOptions): Promise<EngineModels> {
  const [{ SessionPool }, ort] = await Promise.all([
    import('./onnx/sessionPool.ts'),
    import('onnxruntime-node'),
  ]);
  const pool = new SessionPool({
    provider: options.provider ?? 'auto',
    ...(options.onWarning
      ? { onFallback: (fallback: { message: string }) => options.onWarning?.(fallback.message) }
      : {}),
  });
  const library = await openHostLibrary(options.paths, options.env ?? process.env, options);
  await library.scan();
  return { pool, library, runtimeVersion: ort.env.versions.node ?? 'unknown' };
}

/**
 * The user's model library with the bundled fixture models as a built-in
 * search path. The fixtures are generated first when missing or stale, so
 * the examples and `weft models list` work on a fresh clone.
 * WEFT_BUNDLED_MODELS moves the bundled folder; set empty, it is left out.
 */
export async function openHostLibrary(
  paths: WeftPaths,
  env: NodeJS.ProcessEnv,
  options: Pick<HostOptions, 'onWarning' | 'onInfo'> = {},
): Promise<ModelLibrary> {
  const [{ openUserLibrary }, { ensureFixtures }] = await Promise.all([
    import('./models/userLibrary.ts'),
    import('../../resources/fixture-models/ensure.ts'),
  ]);
  const bundled = env.WEFT_BUNDLED_MODELS;
  if (bundled === undefined) await ensureFixtures({ log: (line) => options.onInfo?.(line) });
  return openUserLibrary(paths, {
    ...(bundled !== undefined ? { bundled: bundled || false } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}
