/**
 * The graph's nodes and their definitions, looked up once. Maps, not the
 * file's objects, so a node id like "constructor" never finds a prototype
 * member.
 */
import type { NodeDefinition } from '../catalog.ts';
import type { GraphFile, GraphNode } from '../graph/schema.ts';
import type { DefinitionLookup } from '../registry.ts';

export interface GraphIndex {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Undefined both for a missing node and for a placeholder (its type is not installed). */
  definition(nodeId: string): NodeDefinition | undefined;
}

export function indexGraph(graph: GraphFile, lookup: DefinitionLookup): GraphIndex {
  const nodes = new Map(Object.entries(graph.nodes));
  const definitions = new Map<string, NodeDefinition | undefined>();
  for (const [nodeId, node] of nodes) definitions.set(nodeId, lookup.definition(node.type));
  return { nodes, definition: (nodeId) => definitions.get(nodeId) };
}
