/**
 * Renaming a node id, and everything that names it: connections
 * ("<id>.<output>" in other nodes' inputs) and named graph inputs
 * ("<id>.<param>"). Node order in the file is by id anyway ([F1]), but the
 * in-memory order is kept so the canvas does not reshuffle.
 */
import type { GraphFile, GraphNode } from '../../engine/common/graph/schema.ts';
import { NODE_ID_PATTERN, parseReference } from '../../engine/common/graph/schema.ts';

export type RenameResult = { ok: true; graph: GraphFile } | { ok: false; message: string };

export function renameNode(graph: GraphFile, from: string, to: string): RenameResult {
  if (!Object.hasOwn(graph.nodes, from)) {
    return { ok: false, message: `There is no node "${from}" to rename.` };
  }
  if (from === to) return { ok: true, graph };
  if (!NODE_ID_PATTERN.test(to)) {
    return {
      ok: false,
      message: `"${to}" cannot be a node id: start with a letter and use only letters, digits, "-" and "_".`,
    };
  }
  if (Object.hasOwn(graph.nodes, to)) {
    return { ok: false, message: `There is already a node "${to}"; pick another name.` };
  }
  const nodes: Record<string, GraphNode> = {};
  for (const [id, node] of Object.entries(graph.nodes)) {
    nodes[id === from ? to : id] = renameReferences(node, from, to);
  }
  const next: GraphFile = { ...graph, nodes };
  if (graph.inputs) {
    next.inputs = Object.fromEntries(
      Object.entries(graph.inputs).map(([name, input]) => [
        name,
        { ...input, param: retarget(input.param, from, to) },
      ]),
    );
  }
  return { ok: true, graph: next };
}

function renameReferences(node: GraphNode, from: string, to: string): GraphNode {
  if (!node.inputs) return node;
  let changed = false;
  const inputs: Record<string, string> = {};
  for (const [name, reference] of Object.entries(node.inputs)) {
    const next = retarget(reference, from, to);
    changed ||= next !== reference;
    inputs[name] = next;
  }
  return changed ? { ...node, inputs } : node;
}

function retarget(reference: string, from: string, to: string): string {
  const parsed = parseReference(reference);
  return parsed?.nodeId === from ? `${to}.${parsed.name}` : reference;
}
