import { statSync, utimesSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { OnnxBuilder } from '../../../resources/fixture-models/onnx/builder.ts';
import { Tensor } from '../../common/tensor.ts';
import type { ProviderFallback } from './providers.ts';
import { SessionPool } from './sessionPool.ts';
import { addOne, tempFolder } from './testModels.ts';

const folder = tempFolder();
afterAll(() => folder.remove());

async function runAddOne(session: ort.InferenceSession, value: number): Promise<number> {
  const results = await session.run({
    x: new ort.Tensor('float32', Float32Array.from([value]), [1, 1]),
  });
  return (results.y!.data as Float32Array)[0]!;
}

describe('SessionPool', () => {
  it('creates a session once and reuses it; concurrent requests share one creation', async () => {
    const path = folder.write('reuse/model.onnx', addOne());
    const pool = new SessionPool({ provider: 'cpu' });
    const [first, second] = await Promise.all([pool.acquire(path), pool.acquire(path)]);
    expect(first.session).toBe(second.session);
    expect(pool.stats).toMatchObject({ sessions: 1, inUse: 1, created: 1 });
    first.release();
    second.release();
    const third = await pool.acquire(path);
    expect(third.session).toBe(first.session);
    expect(third.provider).toBe('cpu');
    expect(await runAddOne(third.session, 41)).toBe(42);
    third.release();
    third.release(); // idempotent: the count does not go below zero
    expect(pool.stats).toMatchObject({ sessions: 1, inUse: 0, created: 1, released: 0 });
    await pool.close();
    expect(pool.stats).toMatchObject({ sessions: 0, released: 1 });
  });

  it('keys by options: other free dimension overrides or threads make another session', async () => {
    const path = folder.write('options/model.onnx', addOne());
    const pool = new SessionPool({ provider: 'cpu' });
    const plain = await pool.acquire(path);
    const pinned = await pool.acquire(path, { freeDimensionOverrides: { n: 1, batch: 2 } });
    const samePinned = await pool.acquire(path, { freeDimensionOverrides: { batch: 2, n: 1 } });
    const threads = await pool.acquire(path, { intraOpNumThreads: 1 });
    expect(pinned.session).not.toBe(plain.session);
    expect(samePinned.session).toBe(pinned.session);
    expect(pinned.options).toEqual({ provider: 'cpu', freeDimensionOverrides: { batch: 2, n: 1 } });
    expect(threads.session).not.toBe(plain.session);
    expect(pool.stats.created).toBe(3);
    await expect(pool.acquire(path, { freeDimensionOverrides: { batch: 0 } })).rejects.toThrow(
      'The size for dimension "batch" must be a whole number of 1 or more, got 0.',
    );
    await expect(pool.acquire(path, { provider: 'tensorrt' as unknown as 'cpu' })).rejects.toThrow(
      'Unknown execution provider "tensorrt": choose one of auto, cpu, cuda, dml, coreml, webgpu.',
    );
    for (const lease of [plain, pinned, samePinned, threads]) lease.release();
    await pool.close();
  });

  it('makes a new session when the file changes (new mtime), releasing the old one once idle', async () => {
    const path = folder.write('changed/model.onnx', addOne());
    const pool = new SessionPool({ provider: 'cpu' });
    const before = await pool.acquire(path);
    // Same path, new contents: y = x + 1 becomes y = x + 10.
    const replaced = new OnnxBuilder('add_ten');
    replaced.op(
      'Add',
      [replaced.input('x', 'float32', ['batch', 'n']), replaced.floats([10], [1])],
      {},
      'y',
    );
    replaced.output('y', 'float32', ['batch', 'n']);
    writeFileSync(path, replaced.build());
    const later = new Date(statSync(path).mtimeMs + 5000);
    utimesSync(path, later, later);

    const after = await pool.acquire(path);
    expect(after.session).not.toBe(before.session);
    expect(await runAddOne(after.session, 1)).toBe(11);
    // The old session is still leased: it stays usable until released.
    expect(await runAddOne(before.session, 1)).toBe(2);
    expect(pool.stats).toMatchObject({ sessions: 2, released: 0 });
    before.release();
    await Promise.resolve();
    expect(pool.stats).toMatchObject({ sessions: 1, released: 1 });
    after.release();
    await pool.close();
  });

  it('releases the least recently used idle session when over budget, never one in use', async () => {
    const paths = ['a', 'b', 'c'].map((name) => folder.write(`budget/${name}.onnx`, addOne(name)));
    const size = statSync(paths[0]!).size;
    expect(paths.map((path) => statSync(path).size)).toEqual([size, size, size]);
    const pool = new SessionPool({ provider: 'cpu', budgetBytes: 2 * size });
    const [a, b, c] = paths as [string, string, string];

    const leaseA = await pool.acquire(a);
    const leaseB = await pool.acquire(b);
    leaseA.release();
    leaseB.release();
    const againA = await pool.acquire(a); // A becomes the most recently used; B is now the oldest
    againA.release();
    const leaseC = await pool.acquire(c);
    expect(pool.stats).toMatchObject({ sessions: 2, bytes: 2 * size, created: 3, released: 1 });
    const leaseA2 = await pool.acquire(a);
    expect(leaseA2.session).toBe(leaseA.session); // A survived
    expect(pool.stats.created).toBe(3);

    // Everything in use: over budget, yet nothing in use is released.
    const leaseB2 = await pool.acquire(b);
    expect(pool.stats).toMatchObject({ sessions: 3, inUse: 3, bytes: 3 * size, released: 1 });
    expect(await runAddOne(leaseC.session, 2)).toBe(3);
    leaseC.release();
    await Promise.resolve();
    expect(pool.stats).toMatchObject({ sessions: 2, released: 2 });
    leaseA2.release();
    leaseB2.release();
    await pool.close();
  });

  it('loads by path, so initializers in external data files beside the model are found', async () => {
    const model = new OnnxBuilder('external');
    const x = model.input('x', 'float32', [2]);
    const first = model.externalConstant(
      new Tensor('float32', [2], Float32Array.from([10, 20])),
      'model.onnx_data',
    );
    const second = model.externalConstant(
      new Tensor('float32', [2], Float32Array.from([300, 400])),
      'model.onnx_data',
    );
    const third = model.externalConstant(
      new Tensor('float32', [2], Float32Array.from([5000, 6000])),
      'weights.pb',
    );
    model.op('Add', [model.op('Add', [model.op('Add', [x, first]), second]), third], {}, 'y');
    model.output('y', 'float32', [2]);
    const path = folder.write('external/model.onnx', model);
    const dataBytes = statSync(`${folder.path}/external/model.onnx_data`).size;
    expect(dataBytes).toBe(16); // both tensors, the second at offset 8
    const weightsBytes = statSync(`${folder.path}/external/weights.pb`).size;

    const pool = new SessionPool({ provider: 'cpu' });
    const lease = await pool.acquire(path);
    const results = await lease.session.run({
      x: new ort.Tensor('float32', Float32Array.from([1, 2]), [2]),
    });
    expect(Array.from(results.y!.data as Float32Array)).toEqual([5311, 6422]);
    expect(lease.info.externalData).toEqual(['model.onnx_data', 'weights.pb']);
    // The size estimate counts the model file and its external data.
    expect(pool.stats.bytes).toBe(statSync(path).size + dataBytes + weightsBytes);
    lease.release();
    await pool.close();

    // Loaded from bytes instead, ORT cannot know where the weights are.
    const { readFileSync } = await import('node:fs');
    await expect(ort.InferenceSession.create(readFileSync(path))).rejects.toThrow();
  });

  it('reports a provider fallback through its callback and leases the session on the CPU', async () => {
    const path = folder.write('fallback/model.onnx', addOne());
    const fallbacks: ProviderFallback[] = [];
    const pool = new SessionPool({
      provider: 'auto',
      onFallback: (fallback) => fallbacks.push(fallback),
      logSeverityLevel: 4,
    });
    const cudaInstalled = pool.providers().find((status) => status.name === 'cuda')?.available;
    const lease = await pool.acquire(path, { provider: cudaInstalled ? 'dml' : 'cuda' });
    expect(lease.provider).toBe('cpu');
    expect(lease.options.provider).toBe(cudaInstalled ? 'dml' : 'cuda');
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]!.message).toContain('running on the CPU instead');
    expect(fallbacks[0]!.model).toContain('fallback/model.onnx');
    lease.release();
    await pool.close();
  });

  it('says which file is missing, and forgets a failed creation so a later request retries', async () => {
    const pool = new SessionPool({ provider: 'cpu' });
    const missing = `${folder.path}/nowhere/model.onnx`;
    await expect(pool.acquire(missing)).rejects.toThrow(
      `The model file "${missing}" cannot be opened`,
    );
    const broken = `${folder.path}/broken.onnx`;
    writeFileSync(broken, addOne().build().subarray(0, 20));
    await expect(pool.acquire(broken)).rejects.toThrow(/is not a readable ONNX model/);
    expect(pool.stats.sessions).toBe(0);
    writeFileSync(broken, addOne().build());
    const lease = await pool.acquire(broken);
    expect(pool.stats).toMatchObject({ sessions: 1, created: 1 });
    lease.release();
    await pool.close();
    await expect(pool.acquire(broken)).rejects.toThrow('The session pool is closed.');
  });
});
