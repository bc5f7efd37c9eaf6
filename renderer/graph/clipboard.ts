/**
 * Copy and paste as graph JSON text: a copied selection is a complete,
 * valid graph file (written by the deterministic writer), so it pastes into
 * another window, into a text editor, or into `weft run`; pasting any graph
 * text adds its nodes with fresh ids, wired as they were among themselves.
 */
import type { GraphFile, GraphGroup, GraphNode } from '../../engine/common/graph/schema.ts';
import { GRAPH_FORMAT, GRAPH_VERSION, parseReference } from '../../engine/common/graph/schema.ts';
import { loadGraphText } from '../../engine/common/graph/load.ts';
import { serializeGraph } from '../../engine/common/graph/write.ts';
import type { Point } from './edits.ts';
import { freshId } from './ids.ts';
import { autoLayout } from './layout.ts';

/** The selected nodes (connections among them kept, others dropped) and selected groups. */
export function extractFragment(
  graph: GraphFile,
  nodeIds: readonly string[],
  groupIndices: readonly number[] = [],
): GraphFile {
  const chosen = new Set(nodeIds.filter((id) => Object.hasOwn(graph.nodes, id)));
  const nodes: Record<string, GraphNode> = {};
  for (const id of chosen) nodes[id] = keepInputsFrom(graph.nodes[id]!, chosen);
  const fragment: GraphFile = { format: GRAPH_FORMAT, version: GRAPH_VERSION, nodes };
  const groups = groupIndices
    .map((index) => graph.groups?.[index])
    .filter((group): group is GraphGroup => group !== undefined);
  if (groups.length > 0) fragment.groups = groups;
  if (graph.models && graph.models.length > 0) fragment.models = graph.models;
  return fragment;
}

export function copyText(
  graph: GraphFile,
  nodeIds: readonly string[],
  groups: readonly number[] = [],
): string {
  return serializeGraph(extractFragment(graph, nodeIds, groups));
}

function keepInputsFrom(node: GraphNode, sources: ReadonlySet<string>): GraphNode {
  if (!node.inputs) return node;
  const kept = Object.entries(node.inputs).filter(([, reference]) =>
    sources.has(parseReference(reference)?.nodeId ?? ''),
  );
  const next: GraphNode = { ...node, inputs: Object.fromEntries(kept) };
  if (kept.length === 0) delete next.inputs;
  return next;
}

export type PasteParse =
  { ok: true; fragment: GraphFile; notes: string[] } | { ok: false; message: string };

/** Reads pasted text through the one graph loader (so migrations and checks apply). */
export function parsePastedText(text: string): PasteParse {
  const loaded = loadGraphText(text, { source: 'The pasted text' });
  if (!loaded.ok) {
    const message =
      loaded.error.code === 'NOT_JSON' || loaded.error.code === 'NOT_A_GRAPH'
        ? 'The clipboard holds no Weft nodes. Copy nodes in Weft, or the text of a .weft.json file, and paste again.'
        : loaded.error.message;
    return { ok: false, message };
  }
  return { ok: true, fragment: loaded.graph, notes: loaded.notes };
}

export interface PasteResult {
  graph: GraphFile;
  /** fragment id → new id */
  ids: Map<string, string>;
  /** Indices of the pasted groups in the new graph. */
  groupIndices: number[];
}

/**
 * Adds the fragment's nodes and groups to `graph` with fresh ids; its
 * top-left corner lands on `at` (or 40 px down-right of where it was).
 * Connections to nodes outside the fragment are dropped; models the graph
 * does not list yet are added.
 */
export function pasteFragment(graph: GraphFile, fragment: GraphFile, at?: Point): PasteResult {
  const ids = new Map<string, string>();
  const taken = (id: string) => Object.hasOwn(graph.nodes, id) || [...ids.values()].includes(id);
  for (const id of Object.keys(fragment.nodes)) ids.set(id, freshId(id, taken));

  const placed = { ...autoLayout(fragment) };
  const origin = boundsOrigin(fragment, placed);
  const dx = at ? at.x - origin.x : 40;
  const dy = at ? at.y - origin.y : 40;

  const nodes = { ...graph.nodes };
  for (const [oldId, node] of Object.entries(fragment.nodes)) {
    const position = node.ui ?? placed[oldId] ?? { x: 0, y: 0 };
    const next: GraphNode = {
      ...node,
      ui: { ...node.ui, x: Math.round(position.x + dx), y: Math.round(position.y + dy) },
    };
    if (node.inputs) {
      const inputs: Record<string, string> = {};
      for (const [name, reference] of Object.entries(node.inputs)) {
        const source = parseReference(reference);
        const renamed = source && ids.get(source.nodeId);
        if (renamed) inputs[name] = `${renamed}.${source.name}`;
      }
      if (Object.keys(inputs).length > 0) next.inputs = inputs;
      else delete next.inputs;
    }
    nodes[ids.get(oldId)!] = next;
  }

  const next: GraphFile = { ...graph, nodes };
  const pastedGroups = (fragment.groups ?? []).map((group) => ({
    ...group,
    x: Math.round(group.x + dx),
    y: Math.round(group.y + dy),
  }));
  const groupIndices: number[] = [];
  if (pastedGroups.length > 0) {
    const existing = graph.groups ?? [];
    next.groups = [...existing, ...pastedGroups];
    pastedGroups.forEach((_, index) => groupIndices.push(existing.length + index));
  }
  const known = new Set((graph.models ?? []).map((model) => model.name));
  const newModels = (fragment.models ?? []).filter((model) => !known.has(model.name));
  if (newModels.length > 0) next.models = [...(graph.models ?? []), ...newModels];
  return { graph: next, ids, groupIndices };
}

function boundsOrigin(fragment: GraphFile, placed: Record<string, Point>): Point {
  let x = Infinity;
  let y = Infinity;
  for (const [id, node] of Object.entries(fragment.nodes)) {
    const position = node.ui ?? placed[id];
    if (!position) continue;
    x = Math.min(x, position.x);
    y = Math.min(y, position.y);
  }
  for (const group of fragment.groups ?? []) {
    x = Math.min(x, group.x);
    y = Math.min(y, group.y);
  }
  return { x: Number.isFinite(x) ? x : 0, y: Number.isFinite(y) ? y : 0 };
}
