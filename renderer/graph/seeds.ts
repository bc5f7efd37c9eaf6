/**
 * What a seed widget does after each run: stay ("fixed"), take a new random
 * value ("randomize"), or count up ("increment"). A seed fed by a wire is
 * left alone; its value comes from elsewhere.
 */
import type { GraphFile, GraphNode } from '../../engine/common/graph/schema.ts';
import type { DefinitionOf } from './lookup.ts';
import { seedMode } from './nodeUi.ts';

/** Seeds stay below 2^32 so every sampler and the CLI read them the same way. */
export const SEED_LIMIT = 2 ** 32;

export function advanceSeeds(
  graph: GraphFile,
  definitionOf: DefinitionOf,
  random: () => number,
): GraphFile {
  let nodes: Record<string, GraphNode> | undefined;
  for (const [id, node] of Object.entries(graph.nodes)) {
    const definition = definitionOf(node.type);
    if (!definition) continue;
    let params: Record<string, number | string | boolean> | undefined;
    for (const spec of definition.params) {
      if (spec.kind !== 'seed' || node.inputs?.[spec.name] !== undefined) continue;
      const mode = seedMode(node, spec.name);
      if (mode === 'fixed') continue;
      const current = node.params?.[spec.name];
      const value = typeof current === 'number' ? current : spec.default;
      const next =
        mode === 'increment' ? (value + 1) % SEED_LIMIT : Math.floor(random() * SEED_LIMIT);
      params ??= { ...node.params };
      params[spec.name] = next;
    }
    if (!params) continue;
    nodes ??= { ...graph.nodes };
    nodes[id] = { ...node, params };
  }
  return nodes ? { ...graph, nodes } : graph;
}
