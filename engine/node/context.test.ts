import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../common/graph/schema.ts';
import type { ImageCodec, InputFiles, OutputWriter } from '../common/nodeApi.ts';
import { createRng } from '../common/rng.ts';
import { Tensor } from '../common/tensor.ts';
import { createNodeContext } from './context.ts';

const graph: GraphFile = { format: 'weft/graph', version: 1, nodes: { a: { type: 'core/text' } } };
const images = {} as ImageCodec;
const files = {} as InputFiles;
const output = {} as OutputWriter;

function build() {
  const progress: unknown[][] = [];
  const logs: unknown[][] = [];
  const controller = new AbortController();
  const ctx = createNodeContext({
    nodeId: 'sampler-2',
    signal: controller.signal,
    graph,
    images,
    files,
    output,
    onProgress: (...args) => progress.push(args),
    onLog: (...args) => logs.push(args),
  });
  return { ctx, progress, logs, controller };
}

describe('createNodeContext', () => {
  it('passes the adapters, id, signal and graph through unchanged', () => {
    const { ctx, controller } = build();
    expect(ctx.nodeId).toBe('sampler-2');
    expect(ctx.graph).toBe(graph);
    expect(ctx.images).toBe(images);
    expect(ctx.files).toBe(files);
    expect(ctx.output).toBe(output);
    expect(ctx.signal.aborted).toBe(false);
    controller.abort();
    expect(ctx.signal.aborted).toBe(true);
  });

  it('reports progress (clamped to 0…total) and log lines through the callbacks', () => {
    const { ctx, progress, logs } = build();
    const preview = new Tensor('float32', [1, 1, 1, 3], new Float32Array(3));
    ctx.progress(3, 10);
    ctx.progress(12, 10, preview);
    ctx.log.info('loaded');
    ctx.log.warn('slow');
    expect(progress).toEqual([
      [3, 10, undefined],
      [10, 10, preview],
    ]);
    expect(logs).toEqual([
      ['info', 'loaded'],
      ['warn', 'slow'],
    ]);
    expect(() => ctx.progress(1, 0)).toThrow(/total above 0/);
  });

  it('gives the engine generator for a seed', () => {
    const { ctx } = build();
    const fromContext = ctx.rng(99);
    const direct = createRng(99);
    expect([fromContext.int(1000), fromContext.next()]).toEqual([direct.int(1000), direct.next()]);
  });
});
