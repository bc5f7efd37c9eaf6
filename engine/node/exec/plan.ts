/**
 * Which nodes a run needs, and in what order ([X1], [X2] in engine/SPEC.md).
 * A run pulls from its roots (the chosen targets, else every output node):
 * a node runs only if a root depends on it.
 */
import type { GraphFile } from '../../common/graph/schema.ts';
import { parseReference } from '../../common/graph/schema.ts';
import type { DefinitionLookup } from '../../common/registry.ts';

export interface ExecutionPlan {
  roots: string[];
  /** Every node some root needs, upstream first (a valid execution order). */
  order: string[];
  /** nodeId → the node ids it reads from (deduplicated). */
  upstream: ReadonlyMap<string, readonly string[]>;
}

export function rootsOf(
  graph: GraphFile,
  lookup: DefinitionLookup,
  targets?: readonly string[],
): string[] {
  if (targets && targets.length > 0) return [...new Set(targets)];
  return Object.keys(graph.nodes)
    .filter((id) => lookup.definition(graph.nodes[id]!.type)?.flags?.output === true)
    .sort();
}

/** Assumes a validated graph (no cycles, no dangling references). */
export function planExecution(
  graph: GraphFile,
  lookup: DefinitionLookup,
  targets?: readonly string[],
): ExecutionPlan {
  const roots = rootsOf(graph, lookup, targets);
  const upstream = new Map<string, string[]>();
  const order: string[] = [];
  const visiting = new Set<string>();

  // Iterative post-order DFS: a 10,000-node chain must not overflow the stack.
  for (const root of roots) {
    if (upstream.has(root) || !graph.nodes[root]) continue;
    const stack: { id: string; expanded: boolean }[] = [{ id: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.expanded) {
        stack.pop();
        visiting.delete(top.id);
        if (!upstream.has(top.id)) {
          upstream.set(top.id, upstreamOf(graph, top.id));
          order.push(top.id);
        }
        continue;
      }
      top.expanded = true;
      visiting.add(top.id);
      for (const dependency of upstreamOf(graph, top.id)) {
        if (visiting.has(dependency))
          throw new Error(`The graph has a cycle through "${dependency}"`);
        if (!upstream.has(dependency)) stack.push({ id: dependency, expanded: false });
      }
    }
  }
  return { roots, order, upstream };
}

function upstreamOf(graph: GraphFile, nodeId: string): string[] {
  const ids = new Set<string>();
  for (const reference of Object.values(graph.nodes[nodeId]?.inputs ?? {})) {
    const parsed = parseReference(reference);
    if (parsed && graph.nodes[parsed.nodeId]) ids.add(parsed.nodeId);
  }
  return [...ids].sort();
}
