import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelLibrary } from './library.ts';
import { checkRequirement } from './requirements.ts';
import { put, RIFE_IO, tinyModel } from './testModels.ts';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'weft-requirements-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('checkRequirement', () => {
  it("matches a graph's models list by kind, name, sha256 and size", async () => {
    const bytes = tinyModel(...RIFE_IO);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await put(temp, 'interpolation/rife.onnx', bytes);
    const library = await ModelLibrary.open({ root: temp });
    await library.scan();
    const path = join(temp, 'interpolation', 'rife.onnx');
    const check = (requirement: Parameters<typeof checkRequirement>[1]) =>
      checkRequirement(library, requirement);

    expect(check({ kind: 'interpolation', name: 'rife', sha256, size: bytes.length }).status).toBe(
      'ok',
    );
    expect(check({ kind: 'interpolation', name: 'rife.onnx' }).entry?.path).toBe(path);
    expect(check({ kind: 'vocoder', name: 'rife' }).status).toBe('missing');
    expect(check({ kind: 'interpolation', name: 'rife', sha256: '0'.repeat(64) })).toMatchObject({
      status: 'different',
      message: `${path} has sha256 ${sha256}, but the graph was made with ${'0'.repeat(64)}.`,
    });
    expect(check({ kind: 'interpolation', name: 'rife', size: 1 })).toMatchObject({
      status: 'different',
      message: `${path} is ${bytes.length} bytes, but the graph was made with a 1-byte file.`,
    });
    expect(check({ kind: 'loras', name: 'x' }).status).toBe('unknown-kind');
    // verify passes the recomputed hash, which wins over the recorded one
    expect(
      checkRequirement(library, { kind: 'interpolation', name: 'rife', sha256 }, () =>
        'f'.repeat(64),
      ).status,
    ).toBe('different');
  });
});
