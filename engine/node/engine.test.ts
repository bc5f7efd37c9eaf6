import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../common/events.ts';
import type { GraphFile, GraphNode } from '../common/graph/schema.ts';
import { createCache } from './cache/tieredCache.ts';
import { Engine, GraphInvalidError } from './engine.ts';
import type { RunOptions } from './engine.ts';
import { createSharpImageCodec } from './media/sharpImages.ts';
import type { CallLog } from './testing/testNodes.ts';
import { createTestRegistry } from './testing/testNodes.ts';

function graph(nodes: Record<string, GraphNode>): GraphFile {
  return { format: 'weft/graph', version: 1, nodes };
}

// x=2 ─┐
//       add(+offset 10) ─ out1
// y=3 ─┘
// z=5 ─ add2(+1) ─ out2            (an unrelated branch)
function twoBranches(offset = 10): GraphFile {
  return graph({
    x: { type: 'test/number', params: { value: 2 } },
    y: { type: 'test/number', params: { value: 3 } },
    add: { type: 'test/add', params: { offset }, inputs: { a: 'x.value', b: 'y.value' } },
    out1: { type: 'test/sink', inputs: { value: 'add.sum' } },
    z: { type: 'test/number', params: { value: 5 } },
    add2: { type: 'test/add', params: { offset: 1 }, inputs: { a: 'z.value' } },
    out2: { type: 'test/sink', inputs: { value: 'add2.sum' } },
    unused: { type: 'test/number', params: { value: 99 } },
  });
}

let dir: string;
let log: CallLog;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-engine-'));
  log = { calls: [] };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function makeEngine(
  options: { cache?: boolean; concurrency?: number } = {},
): Promise<Engine> {
  const cache =
    options.cache === false
      ? undefined
      : await createCache({
          memoryBudgetBytes: 1 << 20,
          diskDir: join(dir, 'cache'),
          diskBudgetBytes: 1 << 24,
        });
  return new Engine({
    registry: createTestRegistry(log),
    images: createSharpImageCodec(),
    ...(cache ? { cache } : {}),
    runsDir: join(dir, 'runs'),
    concurrency: options.concurrency ?? 4,
  });
}

async function run(engine: Engine, g: GraphFile, extra: Partial<RunOptions> = {}) {
  const events: RunEvent[] = [];
  const result = await engine.run(g, {
    outputDir: join(dir, 'out'),
    inputRoots: [dir],
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { result, events };
}

describe('execution', () => {
  it('[X1] pulls from output nodes; nodes no output needs never run', async () => {
    const { result } = await run(await makeEngine({ cache: false }), twoBranches());
    expect(result.status).toBe('done');
    expect(result.outputs.get('out1')).toEqual({ seen: 15 });
    expect(result.outputs.get('out2')).toEqual({ seen: 6 });
    expect(log.calls).not.toContain('unused');
    expect([...log.calls].sort()).toEqual(['add', 'add2', 'out1', 'out2', 'x', 'y', 'z']);
  });

  it('[X1] runs only what chosen targets need', async () => {
    const { result } = await run(await makeEngine({ cache: false }), twoBranches(), {
      targets: ['add'],
    });
    expect(result.outputs.get('add')).toEqual({ sum: 15 });
    expect([...log.calls].sort()).toEqual(['add', 'x', 'y']);
  });

  it('[X2] a node starts only after every input is done', async () => {
    const { events } = await run(await makeEngine({ cache: false }), twoBranches());
    const index = (type: string, id: string) =>
      events.findIndex((e) => e.type === type && 'nodeId' in e && e.nodeId === id);
    expect(index('node-done', 'x')).toBeLessThan(index('node-start', 'add'));
    expect(index('node-done', 'y')).toBeLessThan(index('node-start', 'add'));
    expect(index('node-done', 'add')).toBeLessThan(index('node-start', 'out1'));
  });

  it('[X3] independent branches run concurrently, never above the limit', async () => {
    const nodes: Record<string, GraphNode> = {};
    for (let i = 0; i < 6; i++) {
      nodes[`n${i}`] = { type: 'test/number', params: { value: i } };
      nodes[`w${i}`] = { type: 'test/wait', params: { ms: 40 }, inputs: { a: `n${i}.value` } };
      nodes[`s${i}`] = { type: 'test/sink', inputs: { value: `w${i}.value` } };
    }
    const wide = graph(nodes);
    const { events } = await run(await makeEngine({ cache: false, concurrency: 3 }), wide);
    let running = 0;
    let peak = 0;
    for (const e of events) {
      if (e.type === 'node-start' && e.nodeType === 'test/wait') peak = Math.max(peak, ++running);
      if (e.type === 'node-done' && e.nodeType === 'test/wait') running--;
    }
    expect(peak).toBe(3);
  });

  it('[X4] a failing node stops its descendants but not unrelated branches; both are reported', async () => {
    const g = twoBranches();
    g.nodes.bad = { type: 'test/fail', inputs: { a: 'x.value' } };
    g.nodes.add = { type: 'test/add', inputs: { a: 'bad.value' } };
    const { result, events } = await run(await makeEngine({ cache: false }), g);
    expect(result.status).toBe('failed');
    expect(result.outputs.get('out2')).toEqual({ seen: 6 });
    expect(result.outcomes.get('bad')).toMatchObject({ status: 'failed' });
    expect(result.outcomes.get('add')).toEqual({
      status: 'skipped',
      reason: 'upstream-failed',
      cause: 'bad',
    });
    expect(result.outcomes.get('out1')).toEqual({
      status: 'skipped',
      reason: 'upstream-failed',
      cause: 'bad',
    });
    expect(events.at(-1)).toMatchObject({
      type: 'run-failed',
      errors: [{ code: 'TEST_FAILURE', nodeId: 'bad' }],
    });
  });

  it('[X5] validation errors in needed nodes block the run, all at once; errors elsewhere do not', async () => {
    const engine = await makeEngine({ cache: false });
    const broken = twoBranches();
    broken.nodes.add = {
      type: 'test/add',
      params: { offset: 'ten' },
      inputs: { a: 'nowhere.value' },
    };
    const error = await run(engine, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphInvalidError);
    expect((error as GraphInvalidError).issues.map((issue) => issue.code).sort()).toEqual([
      'DANGLING_REFERENCE',
      'PARAM_TYPE',
    ]);

    const elsewhere = twoBranches();
    elsewhere.nodes.loose = { type: 'test/add', params: { offset: 'ten' } };
    const { result } = await run(engine, elsewhere);
    expect(result.status).toBe('done');
  });

  it('[X6] an error names the node, its type, its inputs and what to do', async () => {
    const g = graph({
      x: { type: 'test/number', params: { value: 4 } },
      bad: { type: 'test/fail', inputs: { a: 'x.value' } },
      out: { type: 'test/sink', inputs: { value: 'bad.value' } },
    });
    const { result } = await run(await makeEngine({ cache: false }), g);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'TEST_FAILURE',
        nodeId: 'bad',
        nodeType: 'test/fail',
        field: 'a',
        inputs: { a: '4' },
        message: 'Node "bad" (Fail): This node always fails. Remove it to continue.',
      }),
    ]);
  });

  it('[X7] a connection into a param overrides its widget value', async () => {
    const g = graph({
      x: { type: 'test/number', params: { value: 2 } },
      k: { type: 'test/number', params: { value: 100 } },
      add: { type: 'test/add', params: { offset: 1 }, inputs: { a: 'x.value', offset: 'k.value' } },
      out: { type: 'test/sink', inputs: { value: 'add.sum' } },
    });
    const { result } = await run(await makeEngine({ cache: false }), g);
    expect(result.outputs.get('out')).toEqual({ seen: 102 });
  });

  it('[X8] every run leaves a record with the graph, its hash, timings and cache hits', async () => {
    const engine = await makeEngine();
    await run(engine, twoBranches());
    const { result } = await run(engine, twoBranches());
    const record = JSON.parse(await readFile(result.recordPath!, 'utf8')) as Record<
      string,
      unknown
    >;
    expect(record).toMatchObject({
      format: 'weft/run',
      status: 'done',
      runId: result.runId,
      targets: ['out1', 'out2'],
    });
    expect(record.graphHash).toMatch(/^[0-9a-f]{64}$/);
    expect((record.graph as GraphFile).nodes.add).toEqual(twoBranches().nodes.add);
    expect((record.nodes as Record<string, unknown>).add).toEqual({
      type: 'test/add',
      status: 'cached',
      tier: 'memory',
    });
    expect((record.nodes as Record<string, { status: string }>).out1!.status).toBe('done');
  });

  it('[X9] running a graph that needs an unknown node type fails naming the type', async () => {
    const g = graph({
      p: { type: 'mystery/thing', params: { a: 1 } },
      out: { type: 'test/sink', inputs: { value: 'p.value' } },
    });
    const error = (await run(await makeEngine({ cache: false }), g).catch(
      (e: unknown) => e,
    )) as GraphInvalidError;
    expect(error.issues[0]).toMatchObject({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'p' });
    expect(error.issues[0]!.message).toContain('mystery/thing');
  });

  it('[E1] events come in order: run-start first, node start → progress → done, one run end last', async () => {
    const g = graph({
      x: { type: 'test/number', params: { value: 1 } },
      w: { type: 'test/wait', params: { ms: 8 }, inputs: { a: 'x.value' } },
      out: { type: 'test/sink', inputs: { value: 'w.value' } },
    });
    const { events, result } = await run(await makeEngine({ cache: false }), g);
    expect(events[0]).toMatchObject({ type: 'run-start', nodes: ['x', 'w', 'out'] });
    expect(events.at(-1)?.type).toBe('run-done');
    const forW = events.filter((e) => 'nodeId' in e && e.nodeId === 'w').map((e) => e.type);
    expect(forW).toEqual([
      'node-start',
      'node-progress',
      'node-progress',
      'node-progress',
      'node-progress',
      'node-done',
    ]);
    expect(events.every((e) => e.runId === result.runId && typeof e.time === 'number')).toBe(true);
  });
});

describe('cancellation', () => {
  it('[K1] abort reaches running nodes; the rest are skipped; the run ends cancelled', async () => {
    const g = graph({
      x: { type: 'test/number', params: { value: 1 } },
      w: { type: 'test/wait', params: { ms: 10_000 }, inputs: { a: 'x.value' } },
      after: { type: 'test/add', inputs: { a: 'w.value' } },
      out: { type: 'test/sink', inputs: { value: 'after.sum' } },
    });
    const controller = new AbortController();
    const engine = await makeEngine();
    const started = Date.now();
    const pending = run(engine, g, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'node-start' && e.nodeId === 'w') controller.abort();
      },
    });
    const { result } = await pending;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.status).toBe('cancelled');
    expect(result.outcomes.get('w')).toEqual({ status: 'skipped', reason: 'cancelled' });
    expect(result.outcomes.get('after')).toMatchObject({ status: 'skipped', reason: 'cancelled' });
    expect(log.calls).not.toContain('after');
    // The cache holds x (finished before the abort) and nothing half-done.
    log.calls.length = 0;
    const again = await run(engine, g, { targets: ['x'] });
    expect(again.result.outcomes.get('x')).toEqual({ status: 'cached', tier: 'memory' });
  });
});

describe('caching', () => {
  it('[C3] a changed param re-runs only its node and its descendants', async () => {
    const engine = await makeEngine();
    await run(engine, twoBranches(10));
    log.calls.length = 0;
    const { result, events } = await run(engine, twoBranches(20));
    expect(result.outputs.get('out1')).toEqual({ seen: 25 });
    expect([...log.calls].sort()).toEqual(['add', 'out1', 'out2']);
    const cached = events
      .filter((e) => e.type === 'node-cached')
      .map((e) => (e as { nodeId: string }).nodeId);
    // x and y are not even visited: add2 is a hit, and add's inputs come from the cache.
    expect(cached.sort()).toEqual(['add2', 'x', 'y']);
  });

  it('[C1][C2] node ids are not part of the key: the same sub-graph under other ids hits', async () => {
    const engine = await makeEngine();
    await run(engine, twoBranches());
    log.calls.length = 0;
    const renamed = graph({
      first: { type: 'test/number', params: { value: 2 } },
      second: { type: 'test/number', params: { value: 3 } },
      total: {
        type: 'test/add',
        params: { offset: 10 },
        inputs: { a: 'first.value', b: 'second.value' },
      },
      shown: { type: 'test/sink', inputs: { value: 'total.sum' } },
    });
    const { result } = await run(engine, renamed);
    expect(result.outcomes.get('total')).toEqual({ status: 'cached', tier: 'memory' });
    expect(log.calls).toEqual(['shown']);
  });

  it('[C4] nondeterministic nodes and their descendants are never cached', async () => {
    const g = graph({
      r: { type: 'test/random' },
      add: { type: 'test/add', inputs: { a: 'r.value' } },
      out: { type: 'test/sink', inputs: { value: 'add.sum' } },
    });
    const engine = await makeEngine();
    const first = await run(engine, g);
    log.calls.length = 0;
    const second = await run(engine, g);
    expect([...log.calls].sort()).toEqual(['add', 'out', 'r']);
    expect(second.result.outputs.get('out')).not.toEqual(first.result.outputs.get('out'));
  });

  it('[C5] output nodes always run; their inputs come from the cache', async () => {
    const engine = await makeEngine();
    await run(engine, twoBranches());
    log.calls.length = 0;
    await run(engine, twoBranches());
    expect([...log.calls].sort()).toEqual(['out1', 'out2']);
  });

  it('[C6] a second engine on the same cache folder (a new process) reuses the disk tier', async () => {
    const first = await makeEngine();
    await run(first, twoBranches());
    // [C9] the disk tier is written behind; a process flushes before it exits, as the CLI does.
    await first.flush();
    log.calls.length = 0;
    const { result } = await run(await makeEngine(), twoBranches());
    expect(result.outcomes.get('add')).toEqual({ status: 'cached', tier: 'disk' });
    expect(result.outputs.get('out1')).toEqual({ seen: 15 });
    expect([...log.calls].sort()).toEqual(['out1', 'out2']);
  });

  it('[C8] a cached result that read a file counts only while the file is unchanged', async () => {
    await writeFile(join(dir, 'words.txt'), 'four');
    const g = graph({
      size: { type: 'test/file-size', params: { file: 'words.txt' } },
      out: { type: 'test/sink', inputs: { value: 'size.value' } },
    });
    const engine = await makeEngine();
    expect((await run(engine, g)).result.outputs.get('out')).toEqual({ seen: 4 });
    expect((await run(engine, g)).result.outcomes.get('size')).toEqual({
      status: 'cached',
      tier: 'memory',
    });

    await writeFile(join(dir, 'words.txt'), 'seven!!');
    const changed = await run(engine, g);
    expect(changed.result.outcomes.get('size')).toMatchObject({ status: 'done' });
    expect(changed.result.outputs.get('out')).toEqual({ seen: 7 });

    // Same size, newer modification time: still a change.
    await writeFile(join(dir, 'words.txt'), 'SEVEN!!');
    await utimes(join(dir, 'words.txt'), new Date(), new Date(Date.now() + 5000));
    expect((await run(engine, g)).result.outcomes.get('size')).toMatchObject({ status: 'done' });
    // A new process (disk tier) sees the same fingerprints, once this one has flushed ([C9]).
    await engine.flush();
    expect((await run(await makeEngine(), g)).result.outcomes.get('size')).toEqual({
      status: 'cached',
      tier: 'disk',
    });
  });
});
