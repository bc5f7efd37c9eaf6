/**
 * Merkle cache keys for every planned node ([C1], [C2]): a node's key hashes
 * its type, type version and effective params with the keys of its inputs,
 * never its id, so the same sub-graph in another graph (or under other ids)
 * hits the same entries. Keys are known before anything runs.
 */
import type { GraphFile } from '../../common/graph/schema.ts';
import { parseReference } from '../../common/graph/schema.ts';
import type { DefinitionLookup } from '../../common/registry.ts';
import { effectiveParams } from '../../common/validate/params.ts';
import { nodeCacheKey } from '../cache/cacheKey.ts';
import type { ExecutionPlan } from './plan.ts';

export interface NodeKey {
  key: string;
  /** False for nondeterministic nodes and everything downstream of them ([C4]). */
  cacheable: boolean;
}

export function computeKeys(
  graph: GraphFile,
  plan: ExecutionPlan,
  lookup: DefinitionLookup,
  runSalt: string,
): Map<string, NodeKey> {
  const keys = new Map<string, NodeKey>();
  for (const nodeId of plan.order) {
    const node = graph.nodes[nodeId]!;
    const definition = lookup.definition(node.type);
    if (!definition) {
      keys.set(nodeId, { key: `placeholder:${nodeId}`, cacheable: false });
      continue;
    }
    const inputs: Record<string, string> = {};
    let cacheable = definition.flags?.nondeterministic !== true;
    for (const [name, reference] of Object.entries(node.inputs ?? {})) {
      const parsed = parseReference(reference);
      const upstream = parsed && keys.get(parsed.nodeId);
      if (!parsed || !upstream) continue;
      inputs[name] = `${upstream.key}:${parsed.name}`;
      cacheable &&= upstream.cacheable;
    }
    const key = nodeCacheKey({
      type: definition.type,
      version: definition.version,
      params: effectiveParams(node, definition),
      // A nondeterministic node gets a key of its own each run, so nothing
      // downstream can ever match an older result.
      inputs: definition.flags?.nondeterministic ? { ...inputs, '#run': runSalt } : inputs,
    });
    keys.set(nodeId, { key, cacheable });
  }
  return keys;
}
