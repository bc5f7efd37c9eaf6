import { describe, expect, it } from 'vitest';
import { testDefinitionOf, txt2img } from '../testing/catalog.ts';
import { estimateSize, frameGraph } from './frame.ts';

describe('framing a graph before it is drawn', () => {
  it('estimates node sizes from the catalog', () => {
    const graph = txt2img();
    expect(estimateSize(graph.nodes.save!, testDefinitionOf)).toEqual({
      width: 240,
      height: 30 + 21 + 63 + 8,
    });
    expect(estimateSize(graph.nodes.positive!, testDefinitionOf).height).toBe(
      30 + 21 + 100 + 21 + 8,
    );
  });

  it('centres the bounds and zooms to fit, within the limits', () => {
    const graph = {
      format: 'weft/graph' as const,
      version: 1 as const,
      nodes: {
        a: { type: 'x/y', ui: { x: 0, y: 0, width: 200, collapsed: true } },
        b: { type: 'x/y', ui: { x: 1800, y: 970, width: 200, collapsed: true } },
      },
    };
    const view = frameGraph(graph, () => undefined, { width: 1000, height: 500 });
    expect(view.zoom).toBeCloseTo(0.4);
    expect(view.x).toBeCloseTo(500 - 1000 * 0.4);
    expect(view.y).toBeCloseTo(250 - 500 * 0.4);
    const tiny = frameGraph(graph, () => undefined, { width: 10, height: 10 });
    expect(tiny.zoom).toBe(0.1);
    expect(frameGraph({ ...graph, nodes: {} }, () => undefined, { width: 10, height: 10 })).toEqual(
      { x: 0, y: 0, zoom: 1 },
    );
  });
});
