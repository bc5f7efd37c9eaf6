import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionMarker } from './sessionMarker.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'weft-session-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('the session marker', () => {
  it('finds nothing after a clean exit', async () => {
    const file = join(folder, 'session.json');
    const first = new SessionMarker(file, 100, 1);
    expect(await first.begin()).toBeUndefined();
    await first.update({ workspace: '/w', graph: 'a.weft.json' });
    await first.end();
    expect(await new SessionMarker(file, 101, 2).begin()).toBeUndefined();
  });

  it('finds the crashed session and the graph it had open', async () => {
    const file = join(folder, 'session.json');
    const crashed = new SessionMarker(file, 100, 1);
    await crashed.begin();
    await crashed.update({ workspace: '/w', graph: 'a.weft.json' });
    // No end(): the process died.
    const next = new SessionMarker(file, 101, 2);
    expect(await next.begin()).toEqual({
      pid: 100,
      startedAt: 1,
      workspace: '/w',
      graph: 'a.weft.json',
    });
    // The new session replaced the marker: a second start after a clean exit of this one finds nothing.
    await next.end();
    expect(await new SessionMarker(file, 102, 3).begin()).toBeUndefined();
  });
});
