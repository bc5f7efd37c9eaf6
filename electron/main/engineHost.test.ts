/**
 * The engine host against real child processes: a stand-in engine that
 * crashes and hangs on cue (testing/fakeEngine.mjs), and the real engine
 * process (electron/utility/engineProcess.ts with the real protocol handler),
 * both forked by node's child_process behind the same EngineChild interface
 * that Electron's utilityProcess has in the app.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostMessage } from '../../engine/common/protocol/messages.ts';
import type { RunEvent } from '../../engine/common/events.ts';
import type { EngineState } from '../common/bridge.ts';
import { forkEngineChild } from './engineChildren.ts';
import { EngineHost, type EngineStopReport } from './engineHost.ts';

const FAKE = new URL('./testing/fakeEngine.mjs', import.meta.url).pathname;
const REAL = new URL('../utility/engineProcess.ts', import.meta.url).pathname;

interface Harness {
  host: EngineHost;
  messages: HostMessage[];
  states: EngineState[];
  stops: EngineStopReport[];
  pids: (number | undefined)[];
  next(predicate: (message: HostMessage) => boolean, timeoutMs?: number): Promise<HostMessage>;
  until(predicate: () => boolean, timeoutMs?: number): Promise<void>;
}

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

function harness(
  entry: string,
  options: Partial<ConstructorParameters<typeof EngineHost>[0]> & {
    env?: NodeJS.ProcessEnv;
    execArgv?: string[];
  } = {},
): Harness {
  const messages: HostMessage[] = [];
  const states: EngineState[] = [];
  const stops: EngineStopReport[] = [];
  const pids: (number | undefined)[] = [];
  const { env, execArgv, ...hostOptions } = options;
  const host = new EngineHost({
    workspace: '/tmp/ws',
    spawn: (workspace) => {
      const child = forkEngineChild(entry, workspace, {
        env: { ...process.env, ...env },
        execArgv: execArgv ?? [],
        silent: true,
      });
      pids.push(child.pid);
      return child;
    },
    onMessage: (message) => messages.push(message),
    onState: (state) => states.push(state),
    onStopped: (report) => stops.push(report),
    heartbeatMs: 50,
    restartDelayMs: 10,
    ...hostOptions,
  });
  hosts.push(host);
  const until = async (predicate: () => boolean, timeoutMs = 10_000): Promise<void> => {
    const started = Date.now();
    while (!predicate()) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const next = async (predicate: (message: HostMessage) => boolean, timeoutMs?: number) => {
    let found: HostMessage | undefined;
    await until(() => (found = messages.find(predicate)) !== undefined, timeoutMs);
    return found!;
  };
  return { host, messages, states, stops, pids, next, until };
}

function errorMessage(message: HostMessage): string | undefined {
  return 'ok' in message && !message.ok ? message.error.message : undefined;
}

const answerTo = (id: number) => (message: HostMessage) => 'id' in message && message.id === id;
const runEvent = (type: RunEvent['type']) => (message: HostMessage) =>
  'push' in message && message.push === 'run-event' && message.event.type === type;

describe('EngineHost with a misbehaving engine', () => {
  it('relays requests with the editor’s ids and the engine’s answers', async () => {
    const t = harness(FAKE);
    t.host.start();
    t.host.request({ id: 41, op: 'hello', params: {} });
    const answer = await t.next(answerTo(41));
    expect(answer).toMatchObject({
      id: 41,
      ok: true,
      result: { appVersion: 'fake', workspace: '/tmp/ws' },
    });
    expect(t.states).toEqual(['open']);
  });

  it('restarts after a crash mid-run, fails the run naming the node, and keeps serving', async () => {
    const t = harness(FAKE);
    t.host.start();
    t.host.request({ id: 1, op: 'catalog', params: {} });
    t.host.request({ id: 2, op: 'run.start', params: { graph: {} } });

    const failed = await t.next(runEvent('run-failed'));
    const nodeError = await t.next(runEvent('node-error'));
    expect(nodeError).toMatchObject({
      push: 'run-event',
      event: { runId: 'run-1', nodeId: 'sampler', nodeType: 'diffusion/sampler' },
    });
    expect('push' in failed && failed.push === 'run-event' && failed.event).toMatchObject({
      type: 'run-failed',
      files: ['outputs/a.png'],
      errors: [{ code: 'ENGINE_STOPPED', nodeId: 'sampler' }],
    });
    // The request the crash left unanswered gets an answer, not silence.
    const unanswered = await t.next(answerTo(1));
    expect(unanswered).toMatchObject({ id: 1, ok: false, error: { code: 'INTERNAL' } });
    expect(errorMessage(unanswered)).toMatch(/engine stopped before answering \(it crashed/);
    await t.until(() => t.stops.length === 1);
    expect(t.stops[0]).toMatchObject({
      restarting: true,
      requested: false,
      run: { runId: 'run-1' },
    });
    expect(t.stops[0]!.run!.message).toMatch(
      /node "sampler" \(diffusion\/sampler\) was running: it crashed/,
    );

    t.host.request({ id: 3, op: 'hello', params: {} });
    const again = await t.next(answerTo(3));
    expect(again).toMatchObject({ ok: true });
    expect(t.pids).toHaveLength(2);
    expect(t.pids[1]).not.toBe(t.pids[0]);
    expect(t.states).toEqual(['open', 'reconnecting', 'open']);
  });

  it('ends an engine that stops answering its heartbeat, and restarts it', async () => {
    const t = harness(FAKE, { idleTimeoutMs: 400 });
    t.host.start();
    t.host.request({ id: 1, op: 'runs.list', params: {} });
    await t.until(() => t.stops.length === 1);
    expect(t.stops[0]!.reason).toMatch(/stopped responding for \d+ s, so Weft ended it/);
    expect(await t.next(answerTo(1))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    t.host.request({ id: 2, op: 'hello', params: {} });
    expect(await t.next(answerTo(2))).toMatchObject({ ok: true });
  });

  it('gives up when the engine keeps dying, until the user restarts it', async () => {
    const t = harness(FAKE, {
      env: { FAKE_ENGINE_FATAL: 'the model folder is unreadable' },
      maxCrashes: 2,
    });
    t.host.start();
    await t.until(() => t.host.state === 'closed');
    expect(t.pids).toHaveLength(3);
    expect(t.stops.at(-1)).toMatchObject({
      restarting: false,
      reason: 'it could not continue (the model folder is unreadable)',
    });
    t.host.request({ id: 9, op: 'hello', params: {} });
    expect(errorMessage(await t.next(answerTo(9)))).toMatch(/Run → Restart engine/);
  });

  it('answers requests that arrive while it restarts once the new engine is up', async () => {
    const t = harness(FAKE);
    t.host.start();
    await t.until(() => t.host.state === 'open');
    const restarted = t.host.restart();
    t.host.request({ id: 5, op: 'hello', params: {} });
    await restarted;
    expect(await t.next(answerTo(5))).toMatchObject({ ok: true });
    expect(t.stops).toMatchObject([
      { requested: true, reason: 'you restarted it from the Run menu' },
    ]);
  });

  it('resolves and rejects main’s own calls', async () => {
    const t = harness(FAKE);
    t.host.start();
    await expect(t.host.call('hello', {})).resolves.toMatchObject({ appVersion: 'fake' });
    await expect(t.host.call('settings.get', {})).rejects.toMatchObject({
      code: 'UNKNOWN_OPERATION',
    });
  });
});

describe('EngineHost with the real engine process', () => {
  it('serves the protocol, survives a kill, and serves again', async () => {
    const home = await mkdtemp(join(tmpdir(), 'weft-host-home-'));
    const workspace = await mkdtemp(join(tmpdir(), 'weft-host-ws-'));
    try {
      const t = harness(REAL, {
        workspace,
        env: { WEFT_HOME: home, WEFT_APP_VERSION: '9.9.9' },
        execArgv: ['--import', 'tsx'],
        heartbeatMs: 500,
      });
      t.host.start();
      t.host.request({ id: 1, op: 'hello', params: {} });
      expect(await t.next(answerTo(1), 60_000)).toMatchObject({
        ok: true,
        result: { protocol: 1, appVersion: '9.9.9' },
      });
      t.host.request({ id: 2, op: 'files.read', params: { path: '../outside.txt' } });
      expect(await t.next(answerTo(2))).toMatchObject({ ok: false });

      process.kill(t.pids[0]!, 'SIGKILL');
      await t.until(() => t.stops.length === 1, 10_000);
      expect(t.stops[0]!.reason).toMatch(/crashed/);
      t.host.request({ id: 3, op: 'hello', params: {} });
      expect(await t.next(answerTo(3), 60_000)).toMatchObject({ ok: true });
      expect(t.pids).toHaveLength(2);
    } finally {
      // Stop the engine first: it may still be writing into its cache folder.
      await Promise.all(hosts.splice(0).map((host) => host.stop()));
      await rm(home, { recursive: true, force: true });
      await rm(workspace, { recursive: true, force: true });
    }
  }, 120_000);
});
