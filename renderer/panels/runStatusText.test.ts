import { describe, expect, it } from 'vitest';
import { nodeCounts, statusText, type StatusInput } from './runStatusText.ts';

const base: StatusInput = { status: 'idle', starting: false, stopping: false, nodes: {} };

describe('statusText', () => {
  it('shows elapsed time and settled nodes while running', () => {
    const nodes = {
      a: { status: 'done' as const },
      b: { status: 'cached' as const },
      c: { status: 'running' as const },
      d: { status: 'queued' as const },
      e: { status: 'idle' as const },
    };
    expect(nodeCounts(nodes)).toEqual({ settled: 2, total: 4 });
    expect(statusText({ ...base, status: 'running', startedAt: 1000, nodes }, 4250)).toBe(
      'Running · 3.3 s · 2/4 nodes',
    );
    expect(
      statusText({ ...base, status: 'running', stopping: true, startedAt: 1000, nodes }, 1500),
    ).toBe('Stopping… · 500 ms · 2/4 nodes');
  });

  it('words every end of a run', () => {
    expect(statusText(base, 0)).toBe('Ready');
    expect(statusText({ ...base, starting: true }, 0)).toBe('Starting…');
    expect(statusText({ ...base, status: 'done', durationMs: 1234 }, 0)).toBe('Done in 1.2 s');
    expect(statusText({ ...base, status: 'failed', durationMs: 80 }, 0)).toBe('Failed after 80 ms');
    expect(statusText({ ...base, status: 'failed' }, 0)).toBe('Failed');
    expect(statusText({ ...base, status: 'cancelled', durationMs: 65_000 }, 0)).toBe(
      'Cancelled after 1 min 05 s',
    );
  });
});
