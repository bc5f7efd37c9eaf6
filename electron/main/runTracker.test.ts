import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../engine/common/events.ts';
import { ENGINE_STOPPED, RunTracker } from './runTracker.ts';

const base = { runId: 'r1', time: 1000 };

describe('RunTracker', () => {
  it('names the node that was running when the engine stopped and ends the run as failed', () => {
    const tracker = new RunTracker();
    const events: RunEvent[] = [
      { ...base, type: 'run-start', graphHash: 'h', nodes: ['a', 'b', 'c'], provider: 'cpu' },
      { ...base, type: 'node-start', nodeId: 'a', nodeType: 'core/solid' },
      {
        ...base,
        type: 'node-done',
        nodeId: 'a',
        nodeType: 'core/solid',
        durationMs: 3,
        outputs: {},
        files: ['outputs/a.png'],
      },
      {
        ...base,
        type: 'node-cached',
        nodeId: 'b',
        nodeType: 'core/blur',
        tier: 'memory',
        outputs: {},
      },
      { ...base, type: 'node-start', nodeId: 'c', nodeType: 'diffusion/sampler', time: 1500 },
    ];
    for (const event of events) tracker.observe(event);
    expect(tracker.runningNodes.map((node) => node.nodeId)).toEqual(['c']);

    const run = tracker.interrupt('it crashed (exit code 134)', 4000)!;
    expect(run.runId).toBe('r1');
    expect(run.nodes).toEqual([{ nodeId: 'c', nodeType: 'diffusion/sampler', startedAt: 1500 }]);
    expect(run.message).toMatch(
      /node "c" \(diffusion\/sampler\) was running: it crashed \(exit code 134\)/,
    );
    expect(run.events.map((event) => event.type)).toEqual(['node-error', 'run-failed']);
    const failed = run.events[1]!;
    expect(failed).toMatchObject({
      type: 'run-failed',
      runId: 'r1',
      durationMs: 3000,
      files: ['outputs/a.png'],
    });
    expect(failed.type === 'run-failed' && failed.errors[0]).toMatchObject({
      code: ENGINE_STOPPED,
      nodeId: 'c',
      nodeType: 'diffusion/sampler',
    });
    // The run is over: a second stop has nothing to report.
    expect(tracker.interrupt('again', 5000)).toBeUndefined();
  });

  it('reports a stop between nodes without naming one', () => {
    const tracker = new RunTracker();
    tracker.observe({ ...base, type: 'run-start', graphHash: 'h', nodes: ['a'], provider: 'cpu' });
    const run = tracker.interrupt('it stopped responding', 2000)!;
    expect(run.nodes).toEqual([]);
    expect(run.events).toHaveLength(1);
    expect(run.message).toMatch(/between nodes \(it stopped responding\)/);
  });

  it('forgets a run that ended, whatever its end', () => {
    for (const end of ['run-done', 'run-failed', 'run-cancelled'] as const) {
      const tracker = new RunTracker();
      tracker.observe({
        ...base,
        type: 'run-start',
        graphHash: 'h',
        nodes: ['a'],
        provider: 'cpu',
      });
      tracker.observe({ ...base, type: 'node-start', nodeId: 'a', nodeType: 't' });
      tracker.observe(
        end === 'run-done'
          ? { ...base, type: end, durationMs: 1, files: [] }
          : end === 'run-failed'
            ? { ...base, type: end, durationMs: 1, files: [], errors: [] }
            : { ...base, type: end, durationMs: 1, files: [] },
      );
      expect(tracker.activeRunId, end).toBeUndefined();
      expect(tracker.interrupt('x', 1), end).toBeUndefined();
    }
  });
});
