/**
 * The graph as React Flow nodes and edges. Called on every graph change, so
 * it reuses the previous React Flow object for every node whose inputs are
 * the same objects as last time (graph edits share untouched nodes): React
 * Flow then skips them, and memoized node components do not re-render. With
 * 1,000 nodes, dragging one rebuilds one object.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { GraphFile, GraphGroup, GraphNode } from '../../engine/common/graph/schema.ts';
import { parseReference } from '../../engine/common/graph/schema.ts';
import { inputType, outputType } from '../graph/connections.ts';
import type { Point } from '../graph/edits.ts';
import { autoLayout } from '../graph/layout.ts';
import type { DefinitionOf } from '../graph/lookup.ts';
import { edgeId } from '../state/graphStore.ts';
import { valueTypeColor } from '../nodes/colors.ts';
import {
  groupNodeId,
  type FlowNode,
  type GroupFlowNode,
  type WeftEdge,
  type WeftFlowNode,
} from './flowTypes.ts';

export interface Measured {
  width: number;
  height: number;
}

export interface FlowInput {
  graph: GraphFile;
  definitionOf: DefinitionOf;
  selection: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  selectedGroups: ReadonlySet<number>;
  measured: Readonly<Record<string, Measured>>;
}

interface CachedNode {
  node: GraphNode;
  definition: NodeDefinition | undefined;
  selected: boolean;
  measured: Measured | undefined;
  position: Point;
  placeholderOutputs: readonly string[];
  flow: WeftFlowNode;
}

interface CachedGroup {
  group: GraphGroup;
  selected: boolean;
  measured: Measured | undefined;
  flow: GroupFlowNode;
}

interface CachedEdge {
  reference: string;
  selected: boolean;
  valueType: string | undefined;
  edge: WeftEdge;
}

const NO_OUTPUTS: readonly string[] = [];

/** A converter with its own cache (one per canvas; tests make their own). */
export function createFlowConverter() {
  let nodeCache = new Map<string, CachedNode>();
  let groupCache = new Map<number, CachedGroup>();
  let edgeCache = new Map<string, CachedEdge>();
  let layoutFor: GraphFile | undefined;
  let layout: Record<string, Point> = {};

  function nodes(input: FlowInput): FlowNode[] {
    const { graph, definitionOf, selection, measured } = input;
    // Auto-layout only changes when nodes without positions appear.
    if (layoutFor?.nodes !== graph.nodes) {
      layout = autoLayout(graph);
      layoutFor = graph;
    }
    const placeholders = placeholderOutputs(graph, definitionOf);
    const result: FlowNode[] = [];
    const nextGroups = new Map<number, CachedGroup>();
    (graph.groups ?? []).forEach((group, index) => {
      const id = groupNodeId(index);
      const selected = input.selectedGroups.has(index);
      const size = measured[id];
      const cached = groupCache.get(index);
      const flow =
        cached && cached.group === group && cached.selected === selected && cached.measured === size
          ? cached.flow
          : groupFlowNode(group, index, selected, size);
      nextGroups.set(index, { group, selected, measured: size, flow });
      result.push(flow);
    });
    groupCache = nextGroups;

    const next = new Map<string, CachedNode>();
    for (const [id, node] of Object.entries(graph.nodes)) {
      const definition = definitionOf(node.type);
      const selected = selection.has(id);
      const size = measured[id];
      const position = node.ui ? node.ui : (layout[id] ?? { x: 0, y: 0 });
      const outputs = definition ? NO_OUTPUTS : (placeholders.get(id) ?? NO_OUTPUTS);
      const cached = nodeCache.get(id);
      const reuse =
        cached !== undefined &&
        cached.node === node &&
        cached.definition === definition &&
        cached.selected === selected &&
        cached.measured === size &&
        cached.position.x === position.x &&
        cached.position.y === position.y &&
        sameStrings(cached.placeholderOutputs, outputs);
      const flow = reuse
        ? cached.flow
        : weftFlowNode(id, node, definition, selected, size, position, outputs);
      next.set(id, {
        node,
        definition,
        selected,
        measured: size,
        position,
        placeholderOutputs: outputs,
        flow,
      });
      result.push(flow);
    }
    nodeCache = next;
    return result;
  }

  function edges(input: FlowInput): WeftEdge[] {
    const { graph, definitionOf, selectedEdges } = input;
    const result: WeftEdge[] = [];
    const next = new Map<string, CachedEdge>();
    for (const [target, node] of Object.entries(graph.nodes)) {
      if (!node.inputs) continue;
      const targetDefinition = definitionOf(node.type);
      for (const [name, reference] of Object.entries(node.inputs)) {
        const source = parseReference(reference);
        const sourceNode = source && graph.nodes[source.nodeId];
        if (!source || !sourceNode) continue;
        const sourceDefinition = definitionOf(sourceNode.type);
        // Only wires whose two handles are drawn: validation reports the others on the node.
        const fromType = sourceDefinition ? outputType(sourceDefinition, source.name) : undefined;
        if (sourceDefinition && !fromType) continue;
        if (targetDefinition && !inputType(targetDefinition, name)) continue;
        const id = edgeId(target, name);
        const selected = selectedEdges.has(id);
        const cached = edgeCache.get(id);
        const edge =
          cached &&
          cached.reference === reference &&
          cached.selected === selected &&
          cached.valueType === fromType
            ? cached.edge
            : wire(id, source.nodeId, source.name, target, name, fromType, selected);
        next.set(id, { reference, selected, valueType: fromType, edge });
        result.push(edge);
      }
    }
    edgeCache = next;
    return result;
  }

  return { nodes, edges };
}

function weftFlowNode(
  id: string,
  node: GraphNode,
  definition: NodeDefinition | undefined,
  selected: boolean,
  measured: Measured | undefined,
  position: Point,
  placeholderOutputs: readonly string[],
): WeftFlowNode {
  const flow: WeftFlowNode = {
    id,
    type: 'weft',
    position: { x: position.x, y: position.y },
    data: { node, definition, placeholderOutputs },
    selected,
  };
  if (node.ui?.width !== undefined) flow.width = node.ui.width;
  if (measured) flow.measured = measured;
  return flow;
}

function groupFlowNode(
  group: GraphGroup,
  index: number,
  selected: boolean,
  measured: Measured | undefined,
): GroupFlowNode {
  const flow: GroupFlowNode = {
    id: groupNodeId(index),
    type: 'weftGroup',
    position: { x: group.x, y: group.y },
    width: group.width,
    height: group.height,
    data: { group, index },
    selected,
    zIndex: -1,
    // Only the title bar drags a group, so the area inside still pans and box-selects.
    dragHandle: '.weft-group-title',
  };
  if (measured) flow.measured = measured;
  return flow;
}

function wire(
  id: string,
  source: string,
  output: string,
  target: string,
  input: string,
  valueType: string | undefined,
  selected: boolean,
): WeftEdge {
  return {
    id,
    source,
    sourceHandle: output,
    target,
    targetHandle: input,
    selected,
    data: { valueType },
    style: { stroke: valueTypeColor(valueType) },
  };
}

/** For each placeholder node: the outputs other nodes read from it, sorted. */
function placeholderOutputs(graph: GraphFile, definitionOf: DefinitionOf): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const node of Object.values(graph.nodes)) {
    for (const reference of Object.values(node.inputs ?? {})) {
      const source = parseReference(reference);
      const sourceNode = source && graph.nodes[source.nodeId];
      if (!source || !sourceNode || definitionOf(sourceNode.type)) continue;
      const list = result.get(source.nodeId) ?? [];
      if (!list.includes(source.name)) list.push(source.name);
      result.set(source.nodeId, list.sort());
    }
  }
  return result;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((item, index) => item === b[index]));
}
