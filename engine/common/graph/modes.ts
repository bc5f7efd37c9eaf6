/**
 * Bypassed and muted nodes ([F20]): a node's `mode` changes what runs, and
 * every host applies it the same way before validating and planning, so the
 * editor, `weft run` and a restored PNG agree.
 *
 *   mute    the node is left out; whatever read from it is disconnected
 *           (its consumers then report a missing input if they need one)
 *   bypass  the node is left out, and each consumer of one of its outputs
 *           reads instead from what fed the node's first input of the same
 *           type (an IMAGE filter passes its IMAGE input through); with no
 *           such input the consumer is disconnected, as with mute
 */
import type { NodeDefinition } from '../catalog.ts';
import type { GraphFile, GraphNode, NodeMode } from './schema.ts';
import { parseReference } from './schema.ts';

export type DefinitionOf = (type: string) => NodeDefinition | undefined;

export function nodeMode(node: GraphNode): NodeMode | undefined {
  return node.mode === 'bypass' || node.mode === 'mute' ? node.mode : undefined;
}

/** The graph as it runs: skipped nodes removed and their consumers rewired. The graph itself when none is. */
export function applyNodeModes(graph: GraphFile, definitionOf: DefinitionOf): GraphFile {
  const skipped = new Set(Object.keys(graph.nodes).filter((id) => nodeMode(graph.nodes[id]!)));
  if (skipped.size === 0) return graph;

  /** Where a reference to a skipped node's output leads once the node is gone. */
  const resolve = (reference: string, seen: Set<string>): string | undefined => {
    const parsed = parseReference(reference);
    if (!parsed || !skipped.has(parsed.nodeId)) return reference;
    const node = graph.nodes[parsed.nodeId]!;
    if (nodeMode(node) === 'mute' || seen.has(parsed.nodeId)) return undefined;
    const definition = definitionOf(node.type);
    const type = definition?.outputs.find((output) => output.name === parsed.name)?.type;
    const port = definition?.inputs.find(
      (input) => input.type === type && node.inputs?.[input.name] !== undefined,
    );
    if (!port) return undefined;
    return resolve(node.inputs![port.name]!, new Set([...seen, parsed.nodeId]));
  };

  const nodes: Record<string, GraphNode> = {};
  for (const [id, node] of Object.entries(graph.nodes)) {
    if (skipped.has(id)) continue;
    if (!node.inputs) {
      nodes[id] = node;
      continue;
    }
    const inputs: Record<string, string> = {};
    for (const [name, reference] of Object.entries(node.inputs)) {
      const resolved = resolve(reference, new Set());
      if (resolved !== undefined) inputs[name] = resolved;
    }
    const next: GraphNode = { ...node, inputs };
    if (Object.keys(inputs).length === 0) delete next.inputs;
    nodes[id] = next;
  }
  const next: GraphFile = { ...graph, nodes };
  if (graph.inputs) {
    next.inputs = Object.fromEntries(
      Object.entries(graph.inputs).filter(
        ([, input]) => !skipped.has(parseReference(input.param)?.nodeId ?? ''),
      ),
    );
  }
  return next;
}
