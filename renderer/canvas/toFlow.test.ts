import { describe, expect, it } from 'vitest';
import { moveNodes, setParam } from '../graph/edits.ts';
import { testDefinitionOf, txt2img } from '../testing/catalog.ts';
import { estimateHandles } from './estimatedHandles.ts';
import { estimateSize } from './frame.ts';
import { createFlowConverter, type FlowInput } from './toFlow.ts';

function input(overrides: Partial<FlowInput> = {}): FlowInput {
  return {
    graph: txt2img(),
    definitionOf: testDefinitionOf,
    selection: new Set(),
    selectedEdges: new Set(),
    selectedGroups: new Set(),
    measured: {},
    ...overrides,
  };
}

describe('graph → React Flow', () => {
  it('makes one node per graph node and one typed edge per connection', () => {
    const convert = createFlowConverter();
    const base = input();
    const nodes = convert.nodes(base);
    const edges = convert.edges(base);
    expect(nodes.map((node) => node.id)).toEqual([
      'pipeline',
      'positive',
      'latent',
      'sampler',
      'decode',
      'save',
    ]);
    expect(nodes[3]).toMatchObject({ type: 'weft', position: { x: 600, y: 100 }, selected: false });
    const latent = edges.find((edge) => edge.id === 'sampler:latent')!;
    expect(latent).toMatchObject({
      source: 'latent',
      sourceHandle: 'latent',
      target: 'sampler',
      targetHandle: 'latent',
      data: { valueType: 'LATENT' },
      style: { stroke: '#e07a8e' },
    });
    expect(edges).toHaveLength(7);
  });

  it('reuses the objects of unchanged nodes and edges', () => {
    const convert = createFlowConverter();
    const first = input();
    const before = convert.nodes(first);
    const edgesBefore = convert.edges(first);
    const second = input({ graph: setParam(first.graph, 'sampler', 'steps', 3) });
    const after = convert.nodes(second);
    const edgesAfter = convert.edges(second);
    expect(after.filter((node, index) => node === before[index]).map((node) => node.id)).toEqual([
      'pipeline',
      'positive',
      'latent',
      'decode',
      'save',
    ]);
    expect(edgesAfter.every((edge, index) => edge === edgesBefore[index])).toBe(true);
    const selected = convert.nodes(input({ graph: second.graph, selection: new Set(['save']) }));
    expect(selected[5]!.selected).toBe(true);
    expect(selected[0]).toBe(after[0]);
  });

  it('draws placeholders with the outputs others read, and groups behind nodes', () => {
    const graph = txt2img();
    graph.nodes.latent = { type: 'future/latent-maker', params: { size: 3 } };
    graph.groups = [{ title: 'G', x: 1, y: 2, width: 30, height: 40 }];
    const convert = createFlowConverter();
    const nodes = convert.nodes(input({ graph }));
    expect(nodes[0]).toMatchObject({
      id: 'group:0',
      type: 'weftGroup',
      width: 30,
      height: 40,
      zIndex: -1,
    });
    const placeholder = nodes.find((node) => node.id === 'latent')!;
    expect(placeholder.data).toMatchObject({
      definition: undefined,
      placeholderOutputs: ['latent'],
    });
    expect(placeholder.position).toEqual({ x: 0, y: 340 });
    const edge = convert
      .edges(input({ graph }))
      .find((candidate) => candidate.id === 'sampler:latent');
    expect(edge?.data?.valueType).toBeUndefined();
  });

  it('skips wires whose handles do not exist', () => {
    const graph = txt2img();
    graph.nodes.save = {
      ...graph.nodes.save!,
      inputs: { image: 'decode.nothing', bogus: 'decode.image' },
    };
    const edges = createFlowConverter().edges(input({ graph }));
    expect(edges.some((edge) => edge.target === 'save')).toBe(false);
  });

  it('rebuilds nothing for a measurement alone, and gives later objects the size', () => {
    const convert = createFlowConverter();
    const first = input();
    const before = convert.nodes(first);
    // React Flow measured every node: it keeps the sizes on its own copies.
    const measured = { sampler: { width: 260, height: 300 }, save: { width: 240, height: 90 } };
    const after = convert.nodes({ ...first, measured });
    expect(after).toBe(before);
    // Still the estimate it was built with: it had not been measured then.
    expect(after[3]!.measured).toEqual(estimateSize(first.graph.nodes.sampler!, testDefinitionOf));
    // An object built for another reason (here a selection) carries its size,
    // or React Flow would hide the node until it measured it again.
    const selected = convert.nodes({ ...first, measured, selection: new Set(['sampler']) });
    expect(selected[3]).not.toBe(before[3]);
    expect(selected[3]!.measured).toEqual({ width: 260, height: 300 });
    expect(selected[5]).toBe(before[5]);
  });

  it('with sizes synced, gives each newly measured node its size once (the minimap needs it)', () => {
    const convert = createFlowConverter();
    const first = { ...input(), syncSizes: true };
    const before = convert.nodes(first);
    const measured = { sampler: { width: 260, height: 300 } };
    const after = convert.nodes({ ...first, measured });
    expect(after[3]).not.toBe(before[3]);
    expect(after[3]!.measured).toEqual({ width: 260, height: 300 });
    expect(after[3]!.data).toBe(before[3]!.data);
    expect(after[5]).toBe(before[5]);
    // Measured again (it grew): React Flow has the new size; nothing is rebuilt.
    const again = convert.nodes({ ...first, measured: { sampler: { width: 260, height: 340 } } });
    expect(again).toBe(after);
  });

  it('gives a node never measured an estimated size and handles, dropped once measured', () => {
    const convert = createFlowConverter();
    const first = { ...input(), syncSizes: true };
    const before = convert.nodes(first);
    const save = before[5]!;
    const size = estimateSize(first.graph.nodes.save!, testDefinitionOf);
    expect(save.measured).toEqual(size);
    expect(save.handles).toEqual(
      estimateHandles(first.graph.nodes.save!, testDefinitionOf('core/save-image'), size.width, []),
    );
    expect(save.handles?.length).toBeGreaterThan(0);
    const after = convert.nodes({ ...first, measured: { save: { width: 240, height: 90 } } });
    expect(after[5]!.measured).toEqual({ width: 240, height: 90 });
    expect(after[5]!.handles).toBeUndefined();
    // Measured again: nothing is rebuilt.
    const again = convert.nodes({ ...first, measured: { save: { width: 240, height: 95 } } });
    expect(again).toBe(after);
  });

  it('keeps a node data object across selection (memoized bodies skip it)', () => {
    const convert = createFlowConverter();
    const first = input();
    const before = convert.nodes(first);
    const after = convert.nodes(input({ graph: first.graph, selection: new Set(['sampler']) }));
    expect(after[3]).not.toBe(before[3]);
    expect(after[3]!.selected).toBe(true);
    expect(after[3]!.data).toBe(before[3]!.data);
    // A move changes the node itself (its ui), so only that node gets new data.
    const moved = convert.nodes(
      input({ graph: moveNodes(first.graph, { sampler: { x: 900, y: 40 } }) }),
    );
    expect(moved[3]!.position).toEqual({ x: 900, y: 40 });
    expect(moved[3]!.data).not.toBe(before[3]!.data);
    expect(moved[4]).toBe(before[4]);
  });

  it('returns the previous arrays when nothing changed', () => {
    const convert = createFlowConverter();
    const first = input();
    const nodes = convert.nodes(first);
    const edges = convert.edges(first);
    const again = input({ graph: first.graph, selection: new Set() });
    expect(convert.nodes(again)).toBe(nodes);
    expect(convert.edges(again)).toBe(edges);
    expect(
      convert.edges(input({ graph: first.graph, selectedEdges: new Set(['save:image']) })),
    ).not.toBe(edges);
  });
});
