/**
 * ctx.models over the bundled fixture models (toy SD pipeline, toy
 * ControlNet, …) plus a fresh user library folder a test may fill first
 * (a broken copy of a pipeline, say), with real pooled ONNX Runtime
 * sessions. Node packs stay pure; only their tests import this.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFixtures } from '../../../resources/fixture-models/ensure.ts';
import type { ModelAccess } from '../../common/models.ts';
import type { FileRead } from '../io/inputFiles.ts';
import { createModelAccess } from '../modelAccess.ts';
import { ModelLibrary } from '../models/library.ts';
import { SessionPool } from '../onnx/sessionPool.ts';

export interface FixtureModels {
  models: ModelAccess;
  /** Every file read through ctx.models, in order. */
  reads: FileRead[];
  /** The bundled fixtures folder (resources/fixtures/models). */
  bundled: string;
  /** The user library folder (`<kind>/<name>` inside). */
  library: string;
  cleanup(): Promise<void>;
}

export async function openFixtureModels(
  prepare?: (library: string, bundled: string) => Promise<void>,
): Promise<FixtureModels> {
  const scratch = await mkdtemp(join(tmpdir(), 'weft-fixture-models-'));
  const bundled = await ensureFixtures();
  const root = join(scratch, 'models');
  const library = await ModelLibrary.open({ root, bundled, cacheDir: join(scratch, 'cache') });
  await prepare?.(root, bundled);
  await library.scan();
  const reads: FileRead[] = [];
  const pool = new SessionPool({ provider: 'cpu' });
  const models = createModelAccess({ library, pool, onRead: (read) => reads.push(read) });
  return {
    models,
    reads,
    bundled,
    library: root,
    async cleanup() {
      await pool.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
