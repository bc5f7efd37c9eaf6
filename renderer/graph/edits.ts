/**
 * The graph edits, as pure functions GraphFile → GraphFile. Each returns a
 * new graph that shares every untouched node object with the old one (the
 * canvas re-renders only nodes whose object changed, and undo keeps whole
 * snapshots cheaply), or the very same graph when nothing changed, so the
 * store can skip empty history steps.
 */
import type { ParamValue } from '../../engine/common/catalog.ts';
import type {
  GraphFile,
  GraphGroup,
  GraphNode,
  NodeMode,
  NodeUi,
} from '../../engine/common/graph/schema.ts';
import { parseReference } from '../../engine/common/graph/schema.ts';

export interface Link {
  source: string;
  output: string;
  target: string;
  input: string;
}

export interface Point {
  x: number;
  y: number;
}

function withNode(graph: GraphFile, id: string, node: GraphNode): GraphFile {
  return { ...graph, nodes: { ...graph.nodes, [id]: node } };
}

export function setParam(
  graph: GraphFile,
  nodeId: string,
  name: string,
  value: ParamValue,
): GraphFile {
  const node = graph.nodes[nodeId];
  if (!node || node.params?.[name] === value) return graph;
  return withNode(graph, nodeId, { ...node, params: { ...node.params, [name]: value } });
}

/** Sets `target.inputs[input]`, replacing what fed it before (an input has one connection). */
export function connect(graph: GraphFile, link: Link): GraphFile {
  const node = graph.nodes[link.target];
  if (!node || !graph.nodes[link.source]) return graph;
  const reference = `${link.source}.${link.output}`;
  if (node.inputs?.[link.input] === reference) return graph;
  return withNode(graph, link.target, {
    ...node,
    inputs: { ...node.inputs, [link.input]: reference },
  });
}

export function disconnect(graph: GraphFile, target: string, input: string): GraphFile {
  const node = graph.nodes[target];
  if (!node?.inputs || !Object.hasOwn(node.inputs, input)) return graph;
  const inputs = { ...node.inputs };
  delete inputs[input];
  const next: GraphNode = { ...node, inputs };
  if (Object.keys(inputs).length === 0) delete next.inputs;
  return withNode(graph, target, next);
}

export function addNode(graph: GraphFile, id: string, node: GraphNode): GraphFile {
  if (Object.hasOwn(graph.nodes, id)) throw new Error(`Node id "${id}" is already taken`);
  return withNode(graph, id, node);
}

/**
 * Removes the nodes, every connection that read from them, and the named
 * graph inputs that pointed at their params (they would dangle otherwise).
 */
export function removeNodes(graph: GraphFile, ids: readonly string[]): GraphFile {
  const removed = new Set(ids.filter((id) => Object.hasOwn(graph.nodes, id)));
  if (removed.size === 0) return graph;
  const nodes: Record<string, GraphNode> = {};
  for (const [id, node] of Object.entries(graph.nodes)) {
    if (removed.has(id)) continue;
    nodes[id] = withoutInputsFrom(node, removed);
  }
  const next: GraphFile = { ...graph, nodes };
  if (graph.inputs) {
    const inputs = Object.fromEntries(
      Object.entries(graph.inputs).filter(
        ([, input]) => !removed.has(parseReference(input.param)?.nodeId ?? ''),
      ),
    );
    if (Object.keys(inputs).length !== Object.keys(graph.inputs).length) next.inputs = inputs;
  }
  return next;
}

/** The node without connections from `sources`; the same object when it had none. */
function withoutInputsFrom(node: GraphNode, sources: ReadonlySet<string>): GraphNode {
  if (!node.inputs) return node;
  const kept = Object.entries(node.inputs).filter(
    ([, reference]) => !sources.has(parseReference(reference)?.nodeId ?? ''),
  );
  if (kept.length === Object.keys(node.inputs).length) return node;
  const next: GraphNode = { ...node, inputs: Object.fromEntries(kept) };
  if (kept.length === 0) delete next.inputs;
  return next;
}

/** Merges `patch` into each node's `ui`; `undefined` in the patch removes a field. */
export function patchNodeUi(
  graph: GraphFile,
  patches: Readonly<Record<string, Partial<NodeUi> & Record<string, unknown>>>,
): GraphFile {
  let nodes: Record<string, GraphNode> | undefined;
  for (const [id, patch] of Object.entries(patches)) {
    const node = graph.nodes[id];
    if (!node) continue;
    const ui: Record<string, unknown> = { ...(node.ui ?? { x: 0, y: 0 }) };
    let changed = !node.ui;
    for (const [key, value] of Object.entries(patch)) {
      if (ui[key] === value) continue;
      changed = true;
      if (value === undefined) delete ui[key];
      else ui[key] = value;
    }
    if (!changed) continue;
    nodes ??= { ...graph.nodes };
    nodes[id] = { ...node, ui: ui as NodeUi };
  }
  return nodes ? { ...graph, nodes } : graph;
}

/** Sets or clears (`undefined`) each node's run mode ([F20]). */
export function setNodeModes(
  graph: GraphFile,
  modes: Readonly<Record<string, NodeMode | undefined>>,
): GraphFile {
  let nodes: Record<string, GraphNode> | undefined;
  for (const [id, mode] of Object.entries(modes)) {
    const node = graph.nodes[id];
    if (!node || node.mode === mode) continue;
    nodes ??= { ...graph.nodes };
    const next: GraphNode = { ...node, mode };
    if (mode === undefined) delete next.mode;
    nodes[id] = next;
  }
  return nodes ? { ...graph, nodes } : graph;
}

export function moveNodes(graph: GraphFile, positions: Readonly<Record<string, Point>>): GraphFile {
  const patches: Record<string, Partial<NodeUi>> = {};
  for (const [id, { x, y }] of Object.entries(positions)) {
    patches[id] = { x: Math.round(x), y: Math.round(y) };
  }
  return patchNodeUi(graph, patches);
}

export function setNodeTitle(graph: GraphFile, id: string, title: string): GraphFile {
  const node = graph.nodes[id];
  const wanted = title.trim() === '' ? undefined : title.trim();
  if (!node || node.title === wanted) return graph;
  const next: GraphNode = { ...node, title: wanted };
  if (wanted === undefined) delete next.title;
  return withNode(graph, id, next);
}

export function addGroup(graph: GraphFile, group: GraphGroup): GraphFile {
  return { ...graph, groups: [...(graph.groups ?? []), group] };
}

export function updateGroup(
  graph: GraphFile,
  index: number,
  patch: Partial<GraphGroup>,
): GraphFile {
  const group = graph.groups?.[index];
  if (!group) return graph;
  const entries = Object.entries(patch).filter(
    ([key, value]) => (group as Record<string, unknown>)[key] !== value,
  );
  if (entries.length === 0) return graph;
  const groups = [...graph.groups!];
  groups[index] = { ...group, ...Object.fromEntries(entries) };
  return { ...graph, groups };
}

export function removeGroups(graph: GraphFile, indices: readonly number[]): GraphFile {
  if (!graph.groups || indices.length === 0) return graph;
  const drop = new Set(indices);
  const groups = graph.groups.filter((_, index) => !drop.has(index));
  if (groups.length === graph.groups.length) return graph;
  const next: GraphFile = { ...graph, groups };
  if (groups.length === 0) delete next.groups;
  return next;
}

/** The nodes whose top-left corner lies inside the group box (they move with it). */
export function nodesInGroup(graph: GraphFile, group: GraphGroup): string[] {
  return Object.entries(graph.nodes)
    .filter(([, node]) => {
      const ui = node.ui;
      return (
        ui !== undefined &&
        ui.x >= group.x &&
        ui.y >= group.y &&
        ui.x <= group.x + group.width &&
        ui.y <= group.y + group.height
      );
    })
    .map(([id]) => id);
}
