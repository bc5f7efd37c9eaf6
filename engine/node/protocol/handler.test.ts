/**
 * The protocol handler with the real engine (default node packs, sharp, the
 * disk cache, the bundled fixture models) over a temp WEFT_HOME and a temp
 * workspace holding the poster example.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../common/catalog.ts';
import type { RunEvent } from '../../common/events.ts';
import type { OperationResults, PushMessage, Response } from '../../common/protocol/messages.ts';
import type { TestHost } from '../testing/protocolHost.ts';
import { openTestHost, result } from '../testing/protocolHost.ts';
import { slowGraph } from '../testing/slowGraph.ts';

let host: TestHost;
beforeEach(async () => {
  host = await openTestHost();
});
afterEach(async () => {
  await host.cleanup();
});

function error(response: Response) {
  if (response.ok) throw new Error(`expected a refusal, got ${JSON.stringify(response.result)}`);
  return response.error;
}

const runEvents = (pushes: PushMessage[]): RunEvent[] =>
  pushes.flatMap((push) => (push.push === 'run-event' ? [push.event] : []));

describe('requests', () => {
  it('refuses malformed requests, unknown operations and bad params, naming the field', async () => {
    const notRequest = await host.handler.handle('hello');
    expect(notRequest).toMatchObject({ id: -1, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(error(await host.handler.handle({ id: 4, op: 'engine.format', params: {} }))).toEqual({
      code: 'UNKNOWN_OPERATION',
      message: 'This engine does not know "engine.format".',
    });
    const bad = error(await host.handler.handle({ id: 5, op: 'runs.list', params: { limit: 0 } }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.field).toBe('limit');
    const extra = error(await host.handler.handle({ id: 6, op: 'hello', params: { x: 1 } }));
    expect(extra.code).toBe('BAD_REQUEST');
  });

  it('hello names the protocol, the version and the workspace', async () => {
    const hello = result<OperationResults['hello']>(await host.call('hello', {}));
    expect(hello).toEqual({ protocol: 1, appVersion: 'test', workspace: host.workspace });
  });

  it('the catalog lists every node, and model params list the library (toy-sd)', async () => {
    const catalog = result<Catalog>(await host.call('catalog', {}));
    const types = catalog.nodes.map((node) => node.type);
    expect(types).toContain('core/gradient');
    expect(types).toContain('diffusion/sampler');
    const loader = catalog.nodes.find((node) => node.type === 'models/load-diffusion');
    const model = loader?.params.find((param) => param.kind === 'model');
    expect(model && 'options' in model ? model.options : undefined).toContain('toy-sd');
  });
});

describe('graph.validate', () => {
  it('returns every issue of a graph that loads', async () => {
    const graph = {
      format: 'weft/graph',
      version: 1,
      nodes: {
        bg: { type: 'core/gradient', params: { width: -3 } },
        magic: { type: 'acme/sparkle' },
      },
    };
    const { issues } = result<OperationResults['graph.validate']>(
      await host.call('graph.validate', { graph }),
    );
    expect(issues.map((issue) => `${issue.nodeId}.${issue.field ?? ''} ${issue.code}`)).toEqual([
      'bg.width PARAM_RANGE',
      'magic. UNKNOWN_NODE_TYPE',
    ]);
  });

  it('a graph that does not load is GRAPH_INVALID with the loader message', async () => {
    const refused = error(await host.call('graph.validate', { graph: { name: 'package' } }));
    expect(refused.code).toBe('GRAPH_INVALID');
    expect(refused.message).toMatch(/graph/i);
    const newer = error(
      await host.call('graph.validate', {
        graph: { format: 'weft/graph', version: 99, nodes: {} },
      }),
    );
    expect(newer.code).toBe('GRAPH_INVALID');
    expect(newer.message).toMatch(/version 99/);
  });
});

describe('runs', () => {
  it('runs the poster: events pushed with workspace paths, the PNG in outputs/, then runs-changed and a history entry', async () => {
    const started = result<OperationResults['run.start']>(
      await host.call('run.start', { graph: await host.poster(), path: 'poster.weft.json' }),
    );
    expect(started.runId).toMatch(/^[0-9a-f]{8}$/);
    const done = await host.waitFor((m) => m.push === 'run-event' && m.event.type === 'run-done');
    await host.waitFor((m) => m.push === 'runs-changed');

    const events = runEvents(host.pushes);
    expect(events[0]?.type).toBe('run-start');
    expect(events.every((event) => event.runId === started.runId)).toBe(true);
    const doneNodes = events.flatMap((e) => (e.type === 'node-done' ? [e.nodeId] : []));
    expect(doneNodes.sort()).toEqual(['background', 'composite', 'frame', 'mark', 'name', 'save']);
    if (done.push !== 'run-event' || done.event.type !== 'run-done') throw new Error('unreachable');
    expect(done.event.files).toHaveLength(1);
    const file = done.event.files[0]!;
    expect(file).toMatch(/^outputs\/poster-(dawn|dusk|noon)_00001\.png$/);
    const bytes = await readFile(join(host.workspace, file));
    expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    // No absolute path of the workspace leaves the host.
    expect(JSON.stringify(host.pushes)).not.toContain(host.workspace);

    const { runs } = result<OperationResults['runs.list']>(await host.call('runs.list', {}));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      runId: started.runId,
      status: 'done',
      title: 'Poster',
      files: [file],
      errors: [],
    });
    const record = result<OperationResults['runs.get']>(
      await host.call('runs.get', { runId: started.runId }),
    );
    expect(record.graph.meta?.title).toBe('Poster');
    expect(Object.keys(record.nodes).sort()).toEqual(doneNodes);
    expect(JSON.stringify(record)).not.toContain(host.workspace);
    expect(error(await host.call('runs.get', { runId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('runs the toy txt2img graph on the bundled pipeline, with sampler progress', async () => {
    const graph = JSON.parse(
      await readFile(new URL('../../../graphs/txt2img.weft.json', import.meta.url), 'utf8'),
    ) as unknown;
    result(await host.call('run.start', { graph }));
    const done = await host.waitFor(
      (m) =>
        m.push === 'run-event' && (m.event.type === 'run-done' || m.event.type === 'run-failed'),
      60_000,
    );
    if (done.push !== 'run-event' || done.event.type !== 'run-done')
      throw new Error(`the run did not finish: ${JSON.stringify(done)}`);
    expect(done.event.files).toEqual(['outputs/txt2img_00001.png']);
    const progress = runEvents(host.pushes).filter(
      (e) => e.type === 'node-progress' && e.nodeId === 'sampler',
    );
    expect(progress.at(-1)).toMatchObject({ step: 20, total: 20 });
  }, 90_000);

  it('one run at a time: a second start is RUN_IN_PROGRESS; cancel ends the first as cancelled', async () => {
    const first = result<OperationResults['run.start']>(
      await host.call('run.start', { graph: slowGraph() }),
    );
    const hello = result<OperationResults['hello']>(await host.call('hello', {}));
    expect(hello.activeRunId).toBe(first.runId);
    expect(error(await host.call('run.start', { graph: await host.poster() })).code).toBe(
      'RUN_IN_PROGRESS',
    );
    expect(result(await host.call('run.cancel', { runId: 'other' }))).toEqual({ cancelled: false });
    expect(result(await host.call('run.cancel', { runId: first.runId }))).toEqual({
      cancelled: true,
    });
    await host.waitFor((m) => m.push === 'run-event' && m.event.type === 'run-cancelled');
    await host.waitFor((m) => m.push === 'runs-changed');
    const events = runEvents(host.pushes);
    expect(events.some((e) => e.type === 'node-skipped' && e.reason === 'cancelled')).toBe(true);
    // The slot is free again.
    const next = result<OperationResults['run.start']>(
      await host.call('run.start', { graph: await host.poster(), path: 'poster.weft.json' }),
    );
    expect(next.runId).not.toBe(first.runId);
    await host.waitFor(
      (m) => m.push === 'run-event' && m.event.type === 'run-done' && m.event.runId === next.runId,
    );
  }, 60_000);

  it('a graph with errors in what the run needs is GRAPH_INVALID with every issue, and nothing runs', async () => {
    const graph = {
      format: 'weft/graph',
      version: 1,
      nodes: {
        bg: { type: 'core/gradient', params: { width: 0 } },
        save: { type: 'core/save-image', inputs: { image: 'bg.image' } },
      },
    };
    const refused = error(await host.call('run.start', { graph }));
    expect(refused.code).toBe('GRAPH_INVALID');
    expect(refused.issues?.map((issue) => issue.code)).toEqual(['PARAM_RANGE']);
    expect(runEvents(host.pushes)).toEqual([]);
    // The refused start released the slot.
    expect(result<OperationResults['hello']>(await host.call('hello', {})).activeRunId).toBe(
      undefined,
    );
  });

  it('a missing input file fails the node with a workspace-relative message', async () => {
    const poster = (await host.poster()) as { nodes: Record<string, { params: object }> };
    poster.nodes.mark!.params = { file: 'assets/missing.png' };
    result(await host.call('run.start', { graph: poster }));
    const failed = await host.waitFor(
      (m) => m.push === 'run-event' && m.event.type === 'run-failed',
    );
    if (failed.push !== 'run-event' || failed.event.type !== 'run-failed') throw new Error('!');
    expect(failed.event.errors[0]?.nodeId).toBe('mark');
    expect(failed.event.errors[0]?.message).toContain('assets/missing.png');
    expect(JSON.stringify(failed)).not.toContain(host.workspace);
  });
});

describe('settings', () => {
  it('starts from the defaults and lists the providers, the CPU always available', async () => {
    const got = result<OperationResults['settings.get']>(await host.call('settings.get', {}));
    expect(got.settings).toEqual({
      provider: 'auto',
      memoryBudgetMiB: 2048,
      diskBudgetMiB: 20480,
      cacheDir: host.paths.cache,
      modelsRoot: host.paths.models,
      modelSearchPaths: [],
    });
    expect(got.providers.find((p) => p.name === 'cpu')).toEqual({
      name: 'cpu',
      label: 'CPU',
      available: true,
    });
  });

  it('persists a change in config.json beside the models section and other keys, and rebuilds the engine', async () => {
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(host.paths.data, { recursive: true });
    const config = join(host.paths.data, 'config.json');
    await writeFile(config, JSON.stringify({ models: { searchPaths: ['extra'] }, theme: 'dark' }));
    const cacheDir = join(host.home, 'other-cache');
    const set = result<OperationResults['settings.set']>(
      await host.call('settings.set', { provider: 'cpu', memoryBudgetMiB: 512, cacheDir }),
    );
    expect(set.settings).toMatchObject({
      provider: 'cpu',
      memoryBudgetMiB: 512,
      cacheDir,
      modelSearchPaths: [join(host.paths.data, 'extra')],
    });
    expect(JSON.parse(await readFile(config, 'utf8'))).toEqual({
      models: { searchPaths: ['extra'] },
      theme: 'dark',
      engine: { provider: 'cpu', memoryBudgetMiB: 512, cacheDir },
    });
    // The rebuilt engine runs with the new cache folder.
    result(await host.call('run.start', { graph: await host.poster(), path: 'poster.weft.json' }));
    await host.waitFor((m) => m.push === 'runs-changed');
    expect(existsSync(cacheDir)).toBe(true);
    const again = result<OperationResults['settings.get']>(await host.call('settings.get', {}));
    expect(again.settings.provider).toBe('cpu');
  });

  it('refuses a relative folder, naming the field', async () => {
    const refused = error(await host.call('settings.set', { cacheDir: 'cache' }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', field: 'cacheDir' });
    const range = error(await host.call('settings.set', { memoryBudgetMiB: 1 }));
    expect(range).toMatchObject({ code: 'BAD_REQUEST', field: 'memoryBudgetMiB' });
  });
});

describe('recovery', () => {
  it('keeps a copy per key until cleared', async () => {
    expect(result(await host.call('recovery.read', { key: 'poster.weft.json' }))).toEqual({});
    result(await host.call('recovery.write', { key: 'poster.weft.json', text: '{"a":1}' }));
    result(await host.call('recovery.write', { key: '../../etc/passwd', text: 'other' }));
    const read = result<OperationResults['recovery.read']>(
      await host.call('recovery.read', { key: 'poster.weft.json' }),
    );
    expect(read.text).toBe('{"a":1}');
    expect(read.savedAt).toBeGreaterThan(Date.now() - 60_000);
    result(await host.call('recovery.clear', { key: 'poster.weft.json' }));
    expect(result(await host.call('recovery.read', { key: 'poster.weft.json' }))).toEqual({});
    expect(
      result<OperationResults['recovery.read']>(
        await host.call('recovery.read', { key: '../../etc/passwd' }),
      ).text,
    ).toBe('other');
  });
});
