/**
 * Builds dist/renderer once before browser tests start their servers (which
 * then run with --no-build, so an edit to renderer/ made while the suite runs
 * cannot start a second build under it). Vitest runs test files in parallel
 * processes, and two vite builds into one folder at once would empty it
 * under each other, so the build holds a folder lock (the fixture models'
 * folderLock.ts): a second caller waits, then finds the build current.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ensureRendererBuilt,
  REPO_ROOT,
  type RendererBuildResult,
} from '../../../engine/node/serve/rendererBuild.ts';
import { acquireFolderLock } from '../../../resources/fixture-models/folderLock.ts';

const LOCK = join(REPO_ROOT, 'dist', 'renderer.lock');

export async function rendererBuilt(): Promise<RendererBuildResult> {
  await mkdir(join(REPO_ROOT, 'dist'), { recursive: true });
  const release = await acquireFolderLock(LOCK);
  try {
    return await ensureRendererBuilt();
  } finally {
    await release?.();
  }
}
