import { describe, expect, it } from 'vitest';
import { validateGraph } from '../engine/common/validate/validate.ts';
import { createDefaultRegistry } from '../nodes/index.ts';
import { buildLargeGraph } from './editorGraph.ts';

describe('the editor benchmark graph', () => {
  it('is a valid graph of the size asked for, wired in chains', () => {
    const graph = buildLargeGraph(1000);
    expect(Object.keys(graph.nodes)).toHaveLength(1000);
    const wires = Object.values(graph.nodes).filter((node) => node.inputs).length;
    expect(wires).toBe(1000 - 1000 / 25);
    const errors = validateGraph(graph, createDefaultRegistry()).filter(
      (issue) => issue.severity === 'error',
    );
    expect(errors).toEqual([]);
  });
});
