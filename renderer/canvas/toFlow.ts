/**
 * The graph as React Flow nodes and edges. Called on every graph change, so
 * it reuses the previous React Flow object for every node whose inputs are
 * the same objects as last time (graph edits share untouched nodes): React
 * Flow then skips them, and memoized node components do not re-render. With
 * 1,000 nodes, dragging one rebuilds one object; a pass that changes nothing
 * returns the previous array itself, so React Flow has nothing to adopt.
 *
 * Measured sizes are not a reason to rebuild: React Flow keeps what it
 * measured on its own copy of a node as long as it gets the same object
 * back. They are copied onto objects built for other reasons (an edit, a
 * selection), because React Flow resets the size of a new object that has
 * none and hides the node until it is measured again. An object for a node
 * never measured carries an estimated size and handles instead
 * (estimatedHandles.ts), replaced once it is measured (with sizes synced).
 */
import type { GraphFile, GraphGroup } from '../../engine/common/graph/schema.ts';
import { parseReference } from '../../engine/common/graph/schema.ts';
import { inputType, outputType } from '../graph/connections.ts';
import type { Point } from '../graph/edits.ts';
import { autoLayout } from '../graph/layout.ts';
import type { DefinitionOf } from '../graph/lookup.ts';
import { edgeId } from '../state/graphStore.ts';
import { valueTypeColor } from '../nodes/colors.ts';
import { estimateHandles } from './estimatedHandles.ts';
import { estimateSize } from './frame.ts';
import {
  groupNodeId,
  type FlowNode,
  type GroupFlowNode,
  type WeftEdge,
  type WeftFlowNode,
  type WeftNodeData,
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
  /** The sizes React Flow reported so far, for objects this pass builds (see above). */
  measured: Readonly<Record<string, Measured>>;
  /**
   * Give nodes measured since they were built their size (once each): the
   * minimap draws only nodes whose own objects have one. Off at overview,
   * where there is no minimap and a large graph should not render twice.
   */
  syncSizes?: boolean;
}

interface CachedNode {
  selected: boolean;
  position: Point;
  flow: WeftFlowNode;
}

interface CachedGroup {
  group: GraphGroup;
  selected: boolean;
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
  let lastNodes: FlowNode[] = [];
  let lastEdges: WeftEdge[] = [];

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
      const cached = groupCache.get(index);
      const flow =
        cached && cached.group === group && cached.selected === selected
          ? cached.flow
          : groupFlowNode(group, index, selected, measured[id]);
      nextGroups.set(index, { group, selected, flow });
      result.push(flow);
    });
    groupCache = nextGroups;

    const next = new Map<string, CachedNode>();
    for (const [id, node] of Object.entries(graph.nodes)) {
      const definition = definitionOf(node.type);
      const selected = selection.has(id);
      const position = node.ui ? node.ui : (layout[id] ?? { x: 0, y: 0 });
      const outputs = definition ? NO_OUTPUTS : (placeholders.get(id) ?? NO_OUTPUTS);
      const cached = nodeCache.get(id);
      const old = cached?.flow.data;
      // The data object outlives moves and selection, so a memoized node body skips those.
      const data =
        old &&
        old.node === node &&
        old.definition === definition &&
        sameItems(old.placeholderOutputs, outputs)
          ? old
          : { node, definition, placeholderOutputs: outputs };
      const reuse =
        cached !== undefined &&
        cached.flow.data === data &&
        cached.selected === selected &&
        cached.position.x === position.x &&
        cached.position.y === position.y &&
        // With sizes synced (the minimap reads them from our objects), a node
        // measured for the first time trades its estimates (it alone carries
        // `handles`) for its size once; later measurements are no reason to rebuild.
        !(input.syncSizes && cached.flow.handles !== undefined && measured[id] !== undefined);
      const flow = reuse ? cached.flow : weftFlowNode(id, data, selected, measured[id], position);
      next.set(id, { selected, position, flow });
      result.push(flow);
    }
    nodeCache = next;
    if (!sameItems(result, lastNodes)) lastNodes = result;
    return lastNodes;
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
    if (!sameItems(result, lastEdges)) lastEdges = result;
    return lastEdges;
  }

  return { nodes, edges };
}

function weftFlowNode(
  id: string,
  data: WeftNodeData,
  selected: boolean,
  measured: Measured | undefined,
  position: Point,
): WeftFlowNode {
  const flow: WeftFlowNode = {
    id,
    type: 'weft',
    position: { x: position.x, y: position.y },
    data,
    selected,
  };
  if (data.node.ui?.width !== undefined) flow.width = data.node.ui.width;
  if (measured) {
    flow.measured = measured;
  } else {
    // Not measured yet: estimates, so React Flow mounts it only when on screen
    // and counts it as sized (its fitView waits for every shown node to have a
    // size) until it is measured (estimatedHandles.ts).
    const size = estimateSize(data.node, () => data.definition);
    flow.measured = size;
    flow.handles = estimateHandles(data.node, data.definition, size.width, data.placeholderOutputs);
  }
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

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((item, index) => item === b[index]));
}
