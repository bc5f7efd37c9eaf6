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
import type { WeftPaths } from './paths.ts';

export interface HostOptions {
  paths: WeftPaths;
  /** false: no cache at all; otherwise the disk tier lives in this folder. */
  cacheDir: string | false;
  memoryBudgetBytes?: number;
  diskBudgetBytes?: number;
  concurrency?: number;
  onWarning?: (message: string) => void;
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
    provider: 'cpu',
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
