import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../engine/common/events.ts';
import { EMPTY_PROGRESS, interruptRun, reduceRunEvent, type RunProgress } from './runReducer.ts';

const base = { runId: 'r1', time: 1000 };
const node = (nodeId: string) => ({ ...base, nodeId, nodeType: 'core/x' });

function fold(events: RunEvent[], state: RunProgress = EMPTY_PROGRESS): RunProgress {
  return events.reduce(
    (current, event, index) => reduceRunEvent(current, event, 500 + index),
    state,
  );
}

const start: RunEvent = {
  ...base,
  type: 'run-start',
  graphHash: 'h',
  nodes: ['prompt', 'sampler', 'save'],
  provider: 'cpu',
};

describe('reduceRunEvent', () => {
  it('queues exactly the run nodes on run-start and records the local start time', () => {
    const state = reduceRunEvent(EMPTY_PROGRESS, start, 42);
    expect(state.status).toBe('running');
    expect(state.runId).toBe('r1');
    expect(state.startedAt).toBe(42);
    expect(state.nodes).toEqual({
      prompt: { status: 'queued' },
      sampler: { status: 'queued' },
      save: { status: 'queued' },
    });
  });

  it('shows a running node with its step, total and latest preview', () => {
    const preview = { width: 2, height: 1, rgb: 'AAAAAAAA' };
    const state = fold([
      start,
      { ...node('sampler'), type: 'node-start' },
      { ...node('sampler'), type: 'node-progress', step: 1, total: 4, preview },
      { ...node('sampler'), type: 'node-progress', step: 2, total: 4 },
    ]);
    // The second progress event has no preview: the last one stays on screen.
    expect(state.nodes.sampler).toEqual({ status: 'running', step: 2, total: 4, preview });
  });

  it('marks cached, done (time and files), failed and skipped nodes', () => {
    const error = {
      code: 'NODE_FAILED',
      message: 'The sampler ran out of memory.',
      nodeId: 'sampler',
    };
    const state = fold([
      start,
      { ...node('prompt'), type: 'node-cached', tier: 'memory', outputs: {} },
      { ...node('sampler'), type: 'node-start' },
      { ...node('sampler'), type: 'node-error', error },
      { ...node('save'), type: 'node-skipped', reason: 'upstream-failed', cause: 'sampler' },
    ]);
    expect(state.nodes.prompt).toEqual({ status: 'cached' });
    expect(state.nodes.sampler).toEqual({ status: 'error', error });
    expect(state.nodes.save).toEqual({ status: 'skipped', skipReason: 'upstream-failed' });

    const done = fold([
      start,
      { ...node('save'), type: 'node-start' },
      {
        ...node('save'),
        type: 'node-done',
        durationMs: 12.5,
        outputs: {},
        files: ['outputs/weft_00001.png', 'outputs/weft_00002.png'],
      },
    ]);
    expect(done.nodes.save).toEqual({
      status: 'done',
      durationMs: 12.5,
      files: ['outputs/weft_00001.png', 'outputs/weft_00002.png'],
    });
  });

  it('leaves final states at the end of a run and settles nodes the engine never reported', () => {
    const running = fold([
      start,
      { ...node('prompt'), type: 'node-start' },
      { ...node('prompt'), type: 'node-done', durationMs: 3, outputs: {}, files: [] },
      { ...node('sampler'), type: 'node-start' },
      { ...node('sampler'), type: 'node-progress', step: 1, total: 4 },
    ]);
    const failed = reduceRunEvent(
      running,
      {
        ...base,
        type: 'run-failed',
        durationMs: 40,
        files: [],
        errors: [{ code: 'NODE_FAILED', message: 'x' }],
      },
      9,
    );
    expect(failed.status).toBe('failed');
    expect(failed.durationMs).toBe(40);
    expect(failed.errors).toHaveLength(1);
    expect(failed.nodes.prompt).toEqual({ status: 'done', durationMs: 3, files: [] });
    expect(failed.nodes.sampler).toEqual({ status: 'idle' });
    expect(failed.nodes.save).toEqual({ status: 'idle' });

    const cancelled = reduceRunEvent(
      running,
      { ...base, type: 'run-cancelled', durationMs: 41, files: [] },
      9,
    );
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.nodes.sampler).toEqual({ status: 'skipped', skipReason: 'cancelled' });
    expect(cancelled.nodes.prompt?.status).toBe('done');

    const done = reduceRunEvent(
      running,
      { ...base, type: 'run-done', durationMs: 5, files: [] },
      9,
    );
    expect(done.status).toBe('done');
    expect(done.errors).toEqual([]);
  });

  it('resets everything but the last files when a new run starts', () => {
    const first = fold([
      start,
      { ...node('prompt'), type: 'node-error', error: { code: 'E', message: 'bad' } },
      { ...node('save'), type: 'node-done', durationMs: 7, outputs: {}, files: ['outputs/a.png'] },
      { ...base, type: 'log', level: 'warn', message: 'CUDA failed; using the CPU.' },
      {
        ...base,
        type: 'run-failed',
        durationMs: 9,
        files: [],
        errors: [{ code: 'E', message: 'bad' }],
      },
    ]);
    expect(first.warnings).toEqual(['CUDA failed; using the CPU.']);
    const second = reduceRunEvent(first, { ...start, runId: 'r2', nodes: ['save'] }, 77);
    expect(second).toEqual({
      runId: 'r2',
      status: 'running',
      startedAt: 77,
      errors: [],
      warnings: [],
      nodes: {
        prompt: { status: 'idle' },
        sampler: { status: 'idle' },
        save: { status: 'queued', files: ['outputs/a.png'] },
      },
    });
    // A cached node keeps showing its last files; one that starts again drops them.
    const cached = reduceRunEvent(
      second,
      { ...node('save'), runId: 'r2', type: 'node-cached', tier: 'disk', outputs: {} },
      78,
    );
    expect(cached.nodes.save).toEqual({ status: 'cached', files: ['outputs/a.png'] });
    const restarted = reduceRunEvent(
      second,
      { ...node('save'), runId: 'r2', type: 'node-start' },
      78,
    );
    expect(restarted.nodes.save).toEqual({ status: 'running' });
  });

  it('ignores events of a run other than the current one', () => {
    const state = fold([start]);
    const late = reduceRunEvent(
      state,
      { ...node('prompt'), runId: 'old', type: 'node-error', error: { code: 'E', message: 'x' } },
      1,
    );
    expect(late).toBe(state);
    const lateEnd = reduceRunEvent(
      state,
      { ...base, runId: 'old', type: 'run-done', durationMs: 1, files: [] },
      1,
    );
    expect(lateEnd.status).toBe('running');
  });

  it('keeps at most 20 warnings, the latest', () => {
    const logs: RunEvent[] = Array.from({ length: 25 }, (_, index) => ({
      ...base,
      type: 'log',
      level: 'warn',
      message: `w${index}`,
    }));
    const state = fold([start, ...logs, { ...base, type: 'log', level: 'info', message: 'quiet' }]);
    expect(state.warnings).toHaveLength(20);
    expect(state.warnings[0]).toBe('w5');
    expect(state.warnings.at(-1)).toBe('w24');
  });
});

describe('interruptRun', () => {
  it('fails a running run and stops its unsettled nodes, keeping finished ones', () => {
    const state = fold([
      start,
      {
        ...node('prompt'),
        type: 'node-done',
        durationMs: 1,
        outputs: {},
        files: ['outputs/p.png'],
      },
      { ...node('sampler'), type: 'node-start' },
    ]);
    const interrupted = interruptRun(state);
    expect(interrupted.status).toBe('failed');
    expect(interrupted.nodes.prompt).toEqual({
      status: 'done',
      durationMs: 1,
      files: ['outputs/p.png'],
    });
    expect(interrupted.nodes.sampler).toEqual({ status: 'idle' });
    expect(interrupted.nodes.save).toEqual({ status: 'idle' });
    expect(interruptRun(interrupted)).toBe(interrupted);
  });
});
