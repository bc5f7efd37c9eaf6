/**
 * The params a node runs with: its definition's defaults, overlaid with the
 * values saved on the node. Names the definition does not have are dropped
 * (validation reports them as UNKNOWN_PARAM). Values are taken as saved, not
 * checked: validation does that, once, before a run.
 */
import type { NodeDefinition, ParamValue } from '../catalog.ts';
import type { GraphNode } from '../graph/schema.ts';

/** Keys come out in the definition's param order. */
export function effectiveParams(
  node: GraphNode,
  definition: NodeDefinition,
): Record<string, ParamValue> {
  const saved = new Map(Object.entries(node.params ?? {}));
  const params: Record<string, ParamValue> = {};
  for (const spec of definition.params) params[spec.name] = saved.get(spec.name) ?? spec.default;
  return params;
}
