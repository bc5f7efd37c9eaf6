/** ctx.models.readText: text files inside the library's folders only, each counted as read ([C8]). */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeContext } from './context.ts';
import type { FileRead } from './io/inputFiles.ts';
import { createModelAccess } from './modelAccess.ts';
import { ModelLibrary } from './models/library.ts';
import { SessionPool } from './onnx/sessionPool.ts';
import { expectNodeError } from './testing/nodeErrors.ts';
import type { ImageCodec, InputFiles, OutputWriter } from '../common/nodeApi.ts';

let scratch: string | undefined;
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

async function setUp() {
  scratch = await mkdtemp(join(tmpdir(), 'weft-model-access-'));
  const root = join(scratch, 'models');
  const library = await ModelLibrary.open({ root, cacheDir: join(scratch, 'cache') });
  const reads: FileRead[] = [];
  const models = createModelAccess({
    library,
    pool: new SessionPool({ provider: 'cpu' }),
    onRead: (read) => reads.push(read),
  });
  const folder = join(root, 'diffusion', 'sd', 'scheduler');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'scheduler_config.json'), '{"steps_offset": 1}');
  await writeFile(join(scratch, 'secret.txt'), 'not a model');
  return { models, reads, root, scratch };
}

describe('ModelAccess.readText', () => {
  it('reads a file inside a library folder and records the read', async () => {
    const { models, reads, root } = await setUp();
    const path = join(root, 'diffusion', 'sd', 'scheduler', 'scheduler_config.json');
    expect(await models.readText(path)).toBe('{"steps_offset": 1}');
    expect(reads).toEqual([{ path, size: 19, mtimeMs: expect.any(Number) as number }]);
  });

  it('refuses paths outside the library, also through ".."', async () => {
    const { models, reads, root, scratch: outside } = await setUp();
    for (const path of [join(outside, 'secret.txt'), `${root}/diffusion/../../secret.txt`]) {
      const error = await expectNodeError(models.readText(path));
      expect(error.code).toBe('MODEL_FILE_OUTSIDE_LIBRARY');
      expect(error.message).toBe(
        `"${path}" is not inside a model library folder, so it cannot be read as part of a model.`,
      );
    }
    expect(reads).toEqual([]);
  });

  it('names a missing file', async () => {
    const { models, root } = await setUp();
    const path = join(root, 'diffusion', 'sd', 'tokenizer', 'vocab.json');
    const error = await expectNodeError(models.readText(path));
    expect(error.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(error.message).toBe(`The model file "${path}" does not exist.`);
  });

  it('a run without a model library refuses with a clear error', async () => {
    const ctx = createNodeContext({
      nodeId: 'n',
      signal: new AbortController().signal,
      graph: { format: 'weft/graph', version: 1, nodes: {} },
      images: {} as ImageCodec,
      files: {} as InputFiles,
      output: {} as OutputWriter,
      onProgress: () => {},
      onLog: () => {},
    });
    const error = await expectNodeError(ctx.models.readText('/models/x/config.json'));
    expect(error.code).toBe('NO_MODEL_LIBRARY');
  });
});
