/**
 * ctx.models: readText (text files inside the library's folders only, each
 * counted as read, [C8]), cached (values derived from model files, kept
 * while they are unchanged) and open (sessions held for the node with atEnd).
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createNodeContext } from './context.ts';
import type { FileRead } from './io/inputFiles.ts';
import { createModelAccess } from './modelAccess.ts';
import { ModelLibrary } from './models/library.ts';
import { SessionPool } from './onnx/sessionPool.ts';
import { addOne, tempFolder } from './onnx/testModels.ts';
import { expectNodeError } from './testing/nodeErrors.ts';
import { Tensor } from '../common/tensor.ts';
import type { ImageCodec, InputFiles, OutputWriter } from '../common/nodeApi.ts';

let scratch: string | undefined;
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

async function setUp(options: { atEnd?: (cleanup: () => void) => void } = {}) {
  scratch = await mkdtemp(join(tmpdir(), 'weft-model-access-'));
  const root = join(scratch, 'models');
  const library = await ModelLibrary.open({ root, cacheDir: join(scratch, 'cache') });
  const reads: FileRead[] = [];
  const pool = new SessionPool({ provider: 'cpu' });
  const models = createModelAccess({
    library,
    pool,
    onRead: (read) => reads.push(read),
    ...(options.atEnd ? { atEnd: options.atEnd } : {}),
  });
  const folder = join(root, 'diffusion', 'sd', 'scheduler');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'scheduler_config.json'), '{"steps_offset": 1}');
  await writeFile(join(scratch, 'secret.txt'), 'not a model');
  return { models, reads, root, scratch, pool };
}

/** Moves a file's mtime, as an edit would. */
async function touch(path: string, seconds: number): Promise<void> {
  const time = new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
  await utimes(path, time, time);
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

describe('ModelAccess.readText keeps small files between reads', () => {
  it('reads an edited file again (its size or mtime changed) and records each read', async () => {
    const { models, reads, root } = await setUp();
    const path = join(root, 'diffusion', 'sd', 'scheduler', 'scheduler_config.json');
    await touch(path, 1);
    expect(await models.readText(path)).toBe('{"steps_offset": 1}');
    expect(await models.readText(path)).toBe('{"steps_offset": 1}');
    await writeFile(path, '{"steps_offset": 0}'); // same size: only the mtime tells
    await touch(path, 2);
    expect(await models.readText(path)).toBe('{"steps_offset": 0}');
    expect(reads.map((read) => read.mtimeMs)).toEqual([
      Date.UTC(2026, 0, 1, 0, 0, 1),
      Date.UTC(2026, 0, 1, 0, 0, 1),
      Date.UTC(2026, 0, 1, 0, 0, 2),
    ]);
  });
});

describe('ModelAccess.cached', () => {
  it('builds once while the files are unchanged, records them as read either way, and rebuilds after an edit', async () => {
    const { models, reads, root } = await setUp();
    const folder = join(root, 'diffusion', 'sd', 'tokenizer');
    await mkdir(folder, { recursive: true });
    const vocab = join(folder, 'vocab.json');
    const optional = join(folder, 'special_tokens_map.json'); // absent
    await writeFile(vocab, '{"a": 0}');
    let builds = 0;
    const build = async () => {
      builds++;
      return JSON.parse(await models.readText(vocab)) as Record<string, number>;
    };
    const first = await models.cached('vocab', [vocab, optional], build);
    const second = await models.cached('vocab', [vocab, optional], build);
    expect(second).toBe(first);
    expect(builds).toBe(1);
    expect(reads.map((read) => read.path)).toEqual([vocab, vocab]);

    await writeFile(vocab, '{"a": 0, "b": 1}');
    expect(await models.cached('vocab', [vocab, optional], build)).toEqual({ a: 0, b: 1 });
    await writeFile(optional, '{}'); // an optional file appearing changes the identity too
    await models.cached('vocab', [vocab, optional], build);
    expect(builds).toBe(3);
  });

  it('a run without a model library builds, and the build says why it cannot read', async () => {
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
    const error = await expectNodeError(
      ctx.models.cached('x', ['/models/x/vocab.json'], () =>
        ctx.models.readText('/models/x/vocab.json'),
      ),
    );
    expect(error.code).toBe('NO_MODEL_LIBRARY');
  });
});

describe('ModelAccess.open', () => {
  const folder = tempFolder();
  afterAll(() => folder.remove());

  it('with atEnd, keeps the session leased to the node until the node ends', async () => {
    const cleanups: (() => void)[] = [];
    const { models, reads, pool } = await setUp({ atEnd: (cleanup) => cleanups.push(cleanup) });
    const path = folder.write('held/model.onnx', addOne());
    const model = await models.open(path);
    expect(pool.stats.inUse).toBe(1);
    for (let run = 0; run < 3; run++) {
      const { y } = await model.run({ x: new Tensor('float32', [1, 2], Float32Array.of(1, 2)) });
      expect(Array.from(y!.data as Float32Array)).toEqual([2, 3]);
    }
    expect(pool.stats).toMatchObject({ sessions: 1, inUse: 1, created: 1 });
    expect(reads.map((read) => read.path)).toEqual([path]);
    for (const cleanup of cleanups) cleanup();
    expect(pool.stats.inUse).toBe(0);
    // A model used after its node ended still runs, leasing a session per run.
    const { y } = await model.run({ x: new Tensor('float32', [1, 1], Float32Array.of(5)) });
    expect(Array.from(y!.data as Float32Array)).toEqual([6]);
    expect(pool.stats.inUse).toBe(0);
    await pool.close();
  });

  it('without atEnd, holds no session between runs', async () => {
    const { models, pool } = await setUp();
    const model = await models.open(folder.write('free/model.onnx', addOne()));
    expect(pool.stats.inUse).toBe(0);
    await model.run({ x: new Tensor('float32', [1, 1], Float32Array.of(1)) });
    expect(pool.stats.inUse).toBe(0);
    await pool.close();
  });
});
