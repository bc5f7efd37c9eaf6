/**
 * models.list and models.download through the real handler: the bundled
 * fixtures are listed; a download from a real local HTTP server reports its
 * progress as pushes, lands in the library and shows in the catalog.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureFixtures } from '../../../resources/fixture-models/ensure.ts';
import type { Catalog } from '../../common/catalog.ts';
import type { OperationResults } from '../../common/protocol/messages.ts';
import type { TestHost } from '../testing/protocolHost.ts';
import { openTestHost, result } from '../testing/protocolHost.ts';

let host: TestHost;
beforeEach(async () => {
  host = await openTestHost();
});
afterEach(async () => {
  await host.cleanup();
});

describe('models', () => {
  it('lists the library with where each model is, its size and hash', async () => {
    const listed = result<OperationResults['models.list']>(await host.call('models.list', {}));
    expect(listed.root).toBe(host.paths.models);
    expect(listed.searchPaths).toEqual([]);
    const toy = listed.models.find((model) => model.name === 'toy-sd');
    expect(toy?.kind).toBe('diffusion');
    expect(toy?.family).toMatch(/^stable-diffusion/);
    expect(toy?.location).toMatch(/fixtures[\\/]models[\\/]diffusion[\\/]toy-sd$/);
    expect(toy?.sizeBytes).toBeGreaterThan(1000);
    expect(toy?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(toy).not.toHaveProperty('path');
  });

  it('downloads with progress pushes, then the model is in the library and the catalog', async () => {
    const bytes = await readFile(join(await ensureFixtures(), 'depth/toy-depth/model.onnx'));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-length': bytes.length });
      response.end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const { downloadId } = result<OperationResults['models.download']>(
        await host.call('models.download', {
          url: `http://127.0.0.1:${port}/files/my-depth.onnx`,
          kind: 'depth',
          sha256,
        }),
      );
      const done = await host.waitFor(
        (m) =>
          m.push === 'download-progress' && m.downloadId === downloadId && m.state !== 'running',
      );
      expect(done).toMatchObject({
        state: 'done',
        name: 'my-depth',
        receivedBytes: bytes.length,
        totalBytes: bytes.length,
      });
      await host.waitFor((m) => m.push === 'models-changed');
      const listed = result<OperationResults['models.list']>(await host.call('models.list', {}));
      expect(listed.models.find((model) => model.name === 'my-depth')).toMatchObject({
        kind: 'depth',
        location: join(host.paths.models, 'depth', 'my-depth.onnx'),
        sha256,
      });
      const catalog = result<Catalog>(await host.call('catalog', {}));
      const loader = catalog.nodes.find((node) =>
        node.params.some((param) => param.kind === 'model' && param.modelKind === 'depth'),
      );
      const param = loader?.params.find((p) => p.kind === 'model');
      expect(param && 'options' in param ? param.options : []).toContain('my-depth');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a failed download says why (wrong hash) and adds nothing', async () => {
    const server = createServer((_request, response) => response.end('not a model'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const { downloadId } = result<OperationResults['models.download']>(
        await host.call('models.download', {
          url: `http://127.0.0.1:${port}/x.onnx`,
          kind: 'onnx',
          sha256: '0'.repeat(64),
        }),
      );
      const failed = await host.waitFor(
        (m) =>
          m.push === 'download-progress' && m.downloadId === downloadId && m.state !== 'running',
      );
      if (failed.push !== 'download-progress') throw new Error('unreachable');
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatch(/sha256/);
      expect(host.pushes.some((m) => m.push === 'models-changed')).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const refused = await host.call('models.download', { url: 'http://x/y.onnx', kind: 'lora' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'kind' } });
  });
});
