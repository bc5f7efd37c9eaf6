import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { categoryColor, valueTypeColor } from '../nodes/colors.ts';
import { testDefinitionOf } from '../testing/catalog.ts';
import { createFlowConverter } from './toFlow.ts';
import { estimateSize } from './frame.ts';
import { buildOverviewScene } from './overviewScene.ts';

function smallGraph(): GraphFile {
  return {
    format: 'weft/graph',
    version: 1,
    nodes: {
      color: { type: 'core/solid-color', ui: { x: 0, y: 0 } },
      crop: {
        type: 'core/crop',
        title: 'Trim',
        mode: 'bypass',
        inputs: { image: 'color.image' },
        ui: { x: 400, y: 100, width: 300 },
      },
      unknown: { type: 'someone/else', ui: { x: 0, y: 500, color: '#123456' } },
    },
    groups: [{ title: 'Inputs', x: -50, y: -60, width: 400, height: 300 }],
  };
}

function sceneOf(graph: GraphFile, measured = {}) {
  const converter = createFlowConverter();
  const input = {
    graph,
    definitionOf: testDefinitionOf,
    selection: new Set(['crop']),
    selectedEdges: new Set<string>(),
    selectedGroups: new Set([0]),
    measured: {},
  };
  return buildOverviewScene({
    graph,
    definitionOf: testDefinitionOf,
    measured,
    selection: input.selection,
    selectedGroups: input.selectedGroups,
    edges: converter.edges(input),
  });
}

describe('the overview scene', () => {
  it('gives each node a box at its position, of its measured size or else its estimated one', () => {
    const graph = smallGraph();
    const scene = sceneOf(graph, { color: { width: 250, height: 90 } });
    const [color, crop, unknown] = scene.nodes;
    expect(color).toMatchObject({ id: 'color', x: 0, y: 0, width: 250, height: 90 });
    expect(color!.title).toBe('Solid Color');
    expect(color!.color).toBe(categoryColor('Image'));
    expect(color!.selected).toBe(false);
    const cropSize = estimateSize(graph.nodes.crop!, testDefinitionOf);
    expect(cropSize.width).toBe(300);
    expect(crop).toMatchObject({
      x: 400,
      y: 100,
      width: 300,
      height: cropSize.height,
      title: 'Trim',
      selected: true,
      mode: 'bypass',
    });
    // A type not installed: its own colour, its type as title.
    expect(unknown).toMatchObject({ title: 'someone/else', color: '#123456', mode: undefined });
  });

  it('draws each wire box side to box side, in its value type colour', () => {
    const scene = sceneOf(smallGraph(), { color: { width: 250, height: 90 } });
    const cropHeight = scene.nodes[1]!.height;
    expect(scene.wires).toEqual([
      { x1: 250, y1: 45, x2: 400, y2: 100 + cropHeight / 2, color: valueTypeColor('IMAGE') },
    ]);
  });

  it('has the groups and bounds around everything', () => {
    const scene = sceneOf(smallGraph());
    expect(scene.groups).toEqual([
      {
        index: 0,
        x: -50,
        y: -60,
        width: 400,
        height: 300,
        color: '#7d8aa3',
        title: 'Inputs',
        selected: true,
      },
    ]);
    const unknown = scene.nodes[2]!;
    expect(scene.bounds).toEqual({
      x: -50,
      y: -60,
      width: 700 + 50,
      height: unknown.y + unknown.height + 60,
    });
    expect(sceneOf({ format: 'weft/graph', version: 1, nodes: {} }).bounds).toBeUndefined();
  });

  it('places nodes without a position where the canvas does (auto layout)', () => {
    const graph: GraphFile = {
      format: 'weft/graph',
      version: 1,
      nodes: {
        a: { type: 'core/solid-color' },
        b: { type: 'core/crop', inputs: { image: 'a.image' } },
      },
    };
    const scene = sceneOf(graph);
    expect(scene.nodes.map(({ x, y }) => ({ x, y }))).toEqual([
      { x: 0, y: 0 },
      { x: 320, y: 0 },
    ]);
  });
});
