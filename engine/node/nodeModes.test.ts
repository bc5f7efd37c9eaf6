/** [F20] bypass and mute as the engine runs them (the pure rewrite is tested in common/graph/modes.test.ts). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphFile } from '../common/graph/schema.ts';
import { Engine } from './engine.ts';
import { createSharpImageCodec } from './media/sharpImages.ts';
import type { CallLog } from './testing/testNodes.ts';
import { createTestRegistry } from './testing/testNodes.ts';

let dir: string;
let log: CallLog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-modes-'));
  log = { calls: [] };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// x=2 → add(+10) → add2(+1) → out
function chain(mode?: 'bypass' | 'mute'): GraphFile {
  return {
    format: 'weft/graph',
    version: 1,
    nodes: {
      x: { type: 'test/number', params: { value: 2 } },
      add: {
        type: 'test/add',
        params: { offset: 10 },
        inputs: { a: 'x.value' },
        ...(mode ? { mode } : {}),
      },
      add2: { type: 'test/add', params: { offset: 1 }, inputs: { a: 'add.sum' } },
      out: { type: 'test/sink', inputs: { value: 'add2.sum' } },
    },
  };
}

function engine(): Engine {
  return new Engine({
    registry: createTestRegistry(log),
    images: createSharpImageCodec(),
    runsDir: join(dir, 'runs'),
  });
}

describe('[F20] bypassed and muted nodes', () => {
  it('a bypassed node does not run and its consumer reads what fed it', async () => {
    const result = await engine().run(chain('bypass'), {
      outputDir: join(dir, 'out'),
      inputRoots: [dir],
    });
    expect(result.status).toBe('done');
    expect(log.calls).not.toContain('add');
    expect(result.outputs.get('out')).toEqual({ seen: 3 });
    // The record keeps the graph as the user has it, mode included, so restoring it restores the bypass.
    const record = JSON.parse(await readFile(result.recordPath!, 'utf8')) as { graph: GraphFile };
    expect(record.graph.nodes.add!.mode).toBe('bypass');
  });

  it('without the mode the same graph runs every node', async () => {
    const result = await engine().run(chain(), { outputDir: join(dir, 'out'), inputRoots: [dir] });
    expect(result.outputs.get('out')).toEqual({ seen: 13 });
  });

  it('a muted node disconnects its consumer, which validation then names', () => {
    const issues = engine().validate(chain('mute'));
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'MISSING_INPUT', nodeId: 'add2', field: 'a' }),
    );
  });
});
