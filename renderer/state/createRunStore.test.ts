import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import type { ValidationIssue } from '../../engine/common/validate/validate.ts';
import { ClientError } from '../client/types.ts';
import { createRunStore } from './createRunStore.ts';
import { createFakeEngineClient, type FakeHandlers } from './fakeEngineClient.ts';
import { connectRunStore } from './runConnection.ts';

const graph: GraphFile = {
  format: 'weft/graph',
  version: 1,
  nodes: { seed: { type: 'core/int', params: { value: 1 } }, save: { type: 'core/save-image' } },
};

/** A manual timer: the test decides when scheduled callbacks fire. */
function manualTimers() {
  const pending: { callback: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    pending,
    schedule: (callback: () => void, ms: number) => {
      const entry = { callback, ms, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    fire: () => {
      for (const entry of pending.splice(0)) if (!entry.cancelled) entry.callback();
    },
  };
}

function setup(handlers: FakeHandlers = {}) {
  const client = createFakeEngineClient(handlers);
  const timers = manualTimers();
  let seedsAdvanced = 0;
  let clock = 1000;
  const graphState = {
    graph,
    advanceSeeds: () => {
      seedsAdvanced++;
    },
  };
  const store = createRunStore({
    client: () => client,
    graph: () => graphState,
    now: () => clock,
    schedule: timers.schedule,
    validateDelayMs: 250,
  });
  return {
    client,
    store,
    timers,
    graphState,
    seedsAdvanced: () => seedsAdvanced,
    tick: (ms: number) => (clock += ms),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const issue = (nodeId: string | undefined, message: string): ValidationIssue => ({
  code: 'MISSING_INPUT',
  severity: 'error',
  message,
  ...(nodeId ? { nodeId, field: 'image' } : {}),
});

describe('createRunStore', () => {
  it('sends the current graph (and the targets asked for), then advances the seeds', async () => {
    let runs = 0;
    const { client, store, seedsAdvanced } = setup({
      'run.start': () => ({ runId: `r${++runs}` }),
    });
    await store.getState().startRun();
    store.getState().applyEvent({
      runId: 'r1',
      time: 1,
      type: 'run-done',
      durationMs: 3,
      files: [],
    });
    await store.getState().startRun(['save']);
    expect(client.requests).toEqual([
      { op: 'run.start', params: { graph } },
      { op: 'run.start', params: { graph, targets: ['save'] } },
    ]);
    expect(seedsAdvanced()).toBe(2);
    expect(store.getState().activeRunId).toBe('r2');
    expect(store.getState().status).toBe('running');
  });

  it('does not start a second run while one is going', async () => {
    const { client, store } = setup({ 'run.start': () => ({ runId: 'r1' }) });
    await store.getState().startRun();
    await store.getState().startRun();
    expect(client.requests).toHaveLength(1);
  });

  it('pins the issues of a refused run to their nodes and does not advance seeds', async () => {
    const issues = [
      issue(undefined, 'Target "x" is not a node.'),
      issue('save', 'Connect an image.'),
    ];
    const { store, seedsAdvanced } = setup({
      'run.start': () => {
        throw new ClientError({
          code: 'GRAPH_INVALID',
          message: 'The graph is not valid.',
          issues,
        });
      },
    });
    await store.getState().startRun();
    const state = store.getState();
    expect(state.issuesByNode).toEqual({ save: [issues[1]] });
    expect(state.graphIssues).toEqual([issues[0]]);
    expect(state.status).toBe('failed');
    expect(state.starting).toBe(false);
    expect(state.message?.text).toBe(
      'The graph has 2 problems to fix before it can run; they are marked on the nodes.',
    );
    expect(seedsAdvanced()).toBe(0);
  });

  it('keeps a run whose run-start arrived before run.start answered', async () => {
    let answer: (value: { runId: string }) => void = () => undefined;
    const { store } = setup({
      'run.start': () => new Promise<{ runId: string }>((resolve) => (answer = resolve)),
    });
    const started = store.getState().startRun();
    store.getState().applyEvent({
      runId: 'fast',
      time: 0,
      type: 'run-start',
      graphHash: 'h',
      nodes: ['save'],
      provider: 'cpu',
    });
    store
      .getState()
      .applyEvent({ runId: 'fast', time: 0, type: 'run-done', durationMs: 1, files: [] });
    answer({ runId: 'fast' });
    await started;
    // The answer must not turn the finished run back into a running one.
    expect(store.getState().status).toBe('done');
    expect(store.getState().activeRunId).toBeUndefined();
    expect(store.getState().starting).toBe(false);
  });

  it('clears the last run from the nodes when run.start answers before run-start', async () => {
    const { store } = setup({ 'run.start': () => ({ runId: 'r2' }) });
    const apply = store.getState().applyEvent;
    apply({
      runId: 'r1',
      time: 0,
      type: 'run-start',
      graphHash: 'h',
      nodes: ['save'],
      provider: 'cpu',
    });
    apply({
      runId: 'r1',
      time: 0,
      nodeId: 'save',
      nodeType: 'core/save-image',
      type: 'node-done',
      durationMs: 4,
      outputs: {},
      files: ['outputs/a.png'],
    });
    apply({ runId: 'r1', time: 0, type: 'run-done', durationMs: 5, files: [] });
    await store.getState().startRun();
    expect(store.getState()).toMatchObject({
      status: 'running',
      activeRunId: 'r2',
      startedAt: 1000,
      nodes: { save: { status: 'idle', files: ['outputs/a.png'] } },
    });
  });

  it('sends the document as it is (the engine applies bypass and mute) and names the graph file', async () => {
    const { client, store, graphState } = setup({ 'run.start': () => ({ runId: 'r1' }) });
    const document: GraphFile = {
      ...graph,
      nodes: { save: { type: 'core/save-image', mode: 'bypass' } },
    };
    Object.assign(graphState, { filePath: 'graphs/poster.weft.json', graph: document });
    await store.getState().startRun(['save']);
    expect(client.requests).toEqual([
      {
        op: 'run.start',
        params: { graph: document, targets: ['save'], path: 'graphs/poster.weft.json' },
      },
    ]);
  });

  it('cancels the active run and reports the cancellation', async () => {
    const { client, store } = setup({
      'run.start': () => ({ runId: 'r2' }),
      'run.cancel': () => ({ cancelled: true }),
    });
    await store.getState().startRun();
    await store.getState().stopRun();
    expect(client.requests.at(-1)).toEqual({ op: 'run.cancel', params: { runId: 'r2' } });
    expect(store.getState().stopping).toBe(true);
    store.getState().applyEvent({
      runId: 'r2',
      time: 0,
      type: 'run-cancelled',
      durationMs: 10,
      files: [],
    });
    expect(store.getState()).toMatchObject({
      status: 'cancelled',
      stopping: false,
      activeRunId: undefined,
      message: { tone: 'info', text: 'Run cancelled.' },
    });
  });

  it('says how many nodes failed when a run fails', () => {
    const { store } = setup();
    const apply = store.getState().applyEvent;
    apply({
      runId: 'r',
      time: 0,
      type: 'run-start',
      graphHash: 'h',
      nodes: ['a', 'b'],
      provider: 'cpu',
    });
    for (const nodeId of ['a', 'b']) {
      apply({
        runId: 'r',
        time: 0,
        nodeId,
        nodeType: 't',
        type: 'node-error',
        error: { code: 'NODE_FAILED', message: `${nodeId} broke`, nodeId },
      });
    }
    apply({ runId: 'r', time: 0, type: 'run-failed', durationMs: 1, files: [], errors: [] });
    expect(store.getState().message).toEqual({
      tone: 'error',
      text: 'Run failed: 2 nodes had errors; each is marked on the canvas.',
    });
    expect(store.getState().nodes.a?.error?.message).toBe('a broke');
  });

  it('validates once after a burst of changes, and drops answers that are out of date', async () => {
    let calls = 0;
    const { store, timers, graphState } = setup({
      'graph.validate': () => {
        calls++;
        return { issues: calls === 1 ? [issue('seed', 'Old.')] : [issue('save', 'New.')] };
      },
    });
    store.getState().validate();
    store.getState().validate();
    store.getState().validate();
    expect(timers.pending.map((entry) => entry.ms)).toEqual([250, 250, 250]);
    timers.fire();
    await flush();
    expect(calls).toBe(1);
    expect(store.getState().issuesByNode).toEqual({ seed: [issue('seed', 'Old.')] });

    graphState.graph = { ...graph, nodes: { save: { type: 'core/save-image' } } };
    store.getState().validate();
    timers.fire();
    await flush();
    expect(calls).toBe(2);
    expect(store.getState().issuesByNode).toEqual({ save: [issue('save', 'New.')] });
  });
});

describe('connectRunStore', () => {
  it('applies pushed run events, reloads models and validates on graph changes', async () => {
    const { client, store, timers } = setup({ 'graph.validate': () => ({ issues: [] }) });
    let modelsReloaded = 0;
    let graphListener: () => void = () => undefined;
    const disconnect = connectRunStore({
      client,
      store,
      subscribeGraph: (listener) => {
        graphListener = listener;
        return () => undefined;
      },
      onModelsChanged: () => modelsReloaded++,
    });
    expect(timers.pending).toHaveLength(1); // the first validation
    client.push({
      push: 'run-event',
      event: {
        runId: 'r',
        time: 0,
        type: 'run-start',
        graphHash: 'h',
        nodes: ['save'],
        provider: 'cpu',
      },
    });
    expect(store.getState().nodes.save).toEqual({ status: 'queued' });
    client.push({ push: 'models-changed' });
    expect(modelsReloaded).toBe(1);
    graphListener();
    expect(timers.pending).toHaveLength(2);
    disconnect();
    client.push({ push: 'models-changed' });
    expect(modelsReloaded).toBe(1);
  });

  it('keeps showing a run the engine still has after a reconnect', async () => {
    const { client, store } = setup({
      hello: () => ({ protocol: 1, appVersion: '0', workspace: 'w', activeRunId: 'r' }),
      'graph.validate': () => ({ issues: [] }),
    });
    connectRunStore({
      client,
      store,
      subscribeGraph: () => () => undefined,
      onModelsChanged: () => undefined,
    });
    store.getState().applyEvent({
      runId: 'r',
      time: 0,
      type: 'run-start',
      graphHash: 'h',
      nodes: ['save'],
      provider: 'cpu',
    });
    const startedAt = store.getState().startedAt;
    client.setConnection('reconnecting');
    client.setConnection('open');
    await flush();
    expect(client.requests.some((request) => request.op === 'hello')).toBe(true);
    expect(store.getState()).toMatchObject({ status: 'running', activeRunId: 'r', startedAt });
    expect(store.getState().nodes.save).toEqual({ status: 'queued' });
  });

  it('marks a run the engine no longer has as interrupted after a reconnect', async () => {
    const { client, store } = setup({
      hello: () => ({ protocol: 1, appVersion: '0', workspace: 'w' }),
      'graph.validate': () => ({ issues: [] }),
    });
    connectRunStore({
      client,
      store,
      subscribeGraph: () => () => undefined,
      onModelsChanged: () => undefined,
    });
    store.getState().applyEvent({
      runId: 'r',
      time: 0,
      type: 'run-start',
      graphHash: 'h',
      nodes: ['save'],
      provider: 'cpu',
    });
    // A first 'open' (no connection was lost) asks nothing.
    client.setConnection('open');
    await flush();
    expect(client.requests.some((request) => request.op === 'hello')).toBe(false);
    client.setConnection('reconnecting');
    client.setConnection('open');
    await flush();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().activeRunId).toBeUndefined();
    expect(store.getState().nodes.save).toEqual({ status: 'idle' });
    expect(store.getState().message?.text).toMatch(
      /^The connection to the engine was lost during the run/,
    );
  });
});
