import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../common/events.ts';
import type { GraphFile } from '../../common/graph/schema.ts';
import { defineNode } from '../../common/nodeApi.ts';
import { NodeRegistry } from '../../common/registry.ts';
import { Tensor } from '../../common/tensor.ts';
import { Engine } from '../engine.ts';
import { createSharpImageCodec } from '../media/sharpImages.ts';
import { PREVIEW_INTERVAL_MS, createPreviewGate, previewToEvent } from './preview.ts';

describe('createPreviewGate', () => {
  it('lets the first preview through, then one per PREVIEW_INTERVAL_MS', () => {
    let time = 1000;
    const gate = createPreviewGate(true, () => time);
    expect([gate.due(), gate.take()]).toEqual([true, true]);
    time += PREVIEW_INTERVAL_MS - 1;
    expect([gate.due(), gate.take()]).toEqual([false, false]);
    time += 1;
    expect(gate.take()).toBe(true);
    expect(gate.due()).toBe(false);
  });

  it('lets nothing through when previews are off', () => {
    const gate = createPreviewGate(false, () => 0);
    expect([gate.due(), gate.take()]).toEqual([false, false]);
  });
});

describe('previewToEvent', () => {
  it('encodes [0, 1] RGB as 8-bit base64, clamped', () => {
    const preview = new Tensor('float32', [1, 1, 2, 3], Float32Array.of(0, 0.5, 1, -1, 2, 1));
    const event = previewToEvent(preview);
    expect([event.width, event.height]).toEqual([2, 1]);
    expect(Array.from(Buffer.from(event.rgb, 'base64'))).toEqual([0, 128, 255, 0, 255, 255]);
  });
});

describe('previews in a run', () => {
  /** A node of 6 steps, 30 ms apart on the engine's clock, that builds a preview when asked for one. */
  function steps(clock: { time: number }, asked: boolean[]) {
    return defineNode({
      definition: {
        type: 'test/steps',
        version: 1,
        title: 'Steps',
        category: 'Test',
        description: 'Reports six steps with previews.',
        inputs: [],
        outputs: [{ name: 'value', type: 'FLOAT' }],
        params: [],
        flags: { output: true },
      },
      run: (_inputs, _params, ctx) => {
        for (let step = 1; step <= 6; step++) {
          const wanted = ctx.wantsPreview();
          asked.push(wanted);
          const preview = wanted ? Tensor.zeros('float32', [1, 1, 1, 3]) : undefined;
          ctx.progress(step, 6, preview);
          clock.time += 30;
        }
        return Promise.resolve({ value: 1 });
      },
    });
  }

  async function run(options: { onEvent: boolean; previews?: boolean }) {
    const clock = { time: 0 };
    const asked: boolean[] = [];
    const engine = new Engine({
      registry: new NodeRegistry().register(steps(clock, asked)),
      images: createSharpImageCodec(),
      now: () => clock.time,
    });
    const graph: GraphFile = {
      format: 'weft/graph',
      version: 1,
      nodes: { s: { type: 'test/steps' } },
    };
    const events: RunEvent[] = [];
    await engine.run(graph, {
      outputDir: '/nonexistent-weft-output',
      inputRoots: [],
      ...(options.onEvent ? { onEvent: (event: RunEvent) => events.push(event) } : {}),
      ...(options.previews !== undefined ? { previews: options.previews } : {}),
    });
    const progress = events.flatMap((event) =>
      event.type === 'node-progress' ? [{ step: event.step, preview: !!event.preview }] : [],
    );
    return { asked, progress };
  }

  it('[E1] sends every step, with a preview at most every PREVIEW_INTERVAL_MS (steps at 0, 30, … 150 ms)', async () => {
    const { asked, progress } = await run({ onEvent: true });
    expect(progress.map((entry) => entry.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.map((entry) => entry.preview)).toEqual([
      true,
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(asked).toEqual([true, false, false, false, true, false]);
  });

  it('[E1] asks for no preview when the run has no listener or previews are turned off', async () => {
    expect((await run({ onEvent: false })).asked).toEqual(Array(6).fill(false));
    const off = await run({ onEvent: true, previews: false });
    expect(off.asked).toEqual(Array(6).fill(false));
    expect(off.progress.map((entry) => entry.preview)).toEqual(Array(6).fill(false));
  });
});
