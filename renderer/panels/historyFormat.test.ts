import { describe, expect, it } from 'vitest';
import { describeOutputs, formatDuration, formatStartedAt, nodeTimings } from './historyFormat.ts';
import { mediaKind } from './media.ts';

describe('formatDuration', () => {
  it('picks a unit an artist reads at a glance', () => {
    expect(formatDuration(4.4)).toBe('4 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
    expect(formatDuration(3_599_000)).toBe('59 min 59 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

describe('formatStartedAt', () => {
  const now = new Date(2025, 2, 10, 15, 0, 0);
  it('shows the time today, "yesterday", or the date', () => {
    expect(formatStartedAt(new Date(2025, 2, 10, 9, 5, 7).toISOString(), now)).toBe('09:05:07');
    expect(formatStartedAt(new Date(2025, 2, 9, 23, 59, 0).toISOString(), now)).toBe(
      'yesterday 23:59',
    );
    expect(formatStartedAt(new Date(2025, 1, 28, 8, 0, 0).toISOString(), now)).toBe(
      '2025-02-28 08:00',
    );
    expect(formatStartedAt('not a date', now)).toBe('not a date');
  });
});

describe('nodeTimings', () => {
  it('lists the slowest nodes first and reads unknown shapes safely', () => {
    expect(
      nodeTimings({
        prompt: { type: 'prompt/encode', status: 'cached', tier: 'memory' },
        sampler: { type: 'diffusion/sampler', status: 'done', durationMs: 900, files: [] },
        decode: { type: 'diffusion/vae-decode', status: 'done', durationMs: 40 },
        broken: 'not an object',
        save: { type: 'core/save-image', status: 'skipped', reason: 'upstream-failed' },
      }),
    ).toEqual([
      { nodeId: 'sampler', type: 'diffusion/sampler', status: 'done', durationMs: 900 },
      { nodeId: 'decode', type: 'diffusion/vae-decode', status: 'done', durationMs: 40 },
      { nodeId: 'prompt', type: 'prompt/encode', status: 'cached', tier: 'memory' },
      { nodeId: 'save', type: 'core/save-image', status: 'skipped' },
    ]);
  });
});

describe('describeOutputs', () => {
  it('counts outputs by kind', () => {
    expect(describeOutputs([], mediaKind)).toBe('no outputs');
    expect(describeOutputs(['a.png', 'b.png', 'c.wav'], mediaKind)).toBe('2 images, 1 audio file');
    expect(describeOutputs(['v.mp4', 'x.bin'], mediaKind)).toBe('1 video, 1 file');
  });
});
