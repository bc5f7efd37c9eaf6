/**
 * Node-type migrations ([F11]): each node whose type is installed and whose
 * saved `version` (absent = 1) is below its definition's runs that type's
 * one-step migrations in order and is stamped with the definition's version.
 * Nodes of unknown types (placeholders, [F3]) and nodes saved by a newer
 * definition are left exactly as they are; validation reports the latter.
 */
import type { ParamValue } from '../catalog.ts';
import type { NodeImplementation } from '../nodeApi.ts';
import { compareCodeUnits } from './compare.ts';
import type { GraphLoadError } from './result.ts';
import type { GraphFile, GraphNode } from './schema.ts';
import { graphNodeSchema } from './schema.ts';
import { formatPath, validateAgainst } from './schemaIssues.ts';

/**
 * What loading needs to know about a node type. A NodeRegistry fits when
 * bound: `(type) => registry.get(type)`.
 */
export type NodeTypeLookup = (
  type: string,
) => Pick<NodeImplementation, 'definition' | 'migrations'> | undefined;

export type NodeUpgradeResult =
  { ok: true; graph: GraphFile; notes: string[] } | { ok: false; error: GraphLoadError };

export function upgradeNodes(graph: GraphFile, lookup: NodeTypeLookup): NodeUpgradeResult {
  const notes: string[] = [];
  let nodes: Record<string, GraphNode> | undefined;
  for (const id of Object.keys(graph.nodes).sort(compareCodeUnits)) {
    const node = graph.nodes[id]!;
    const implementation = lookup(node.type);
    if (!implementation) continue;
    const target = implementation.definition.version;
    const saved = node.version ?? 1;
    if (saved >= target) continue;

    const label = `node ${id} (${node.type})`;
    let state = { params: { ...node.params }, inputs: { ...node.inputs } };
    for (let version = saved; version < target; version += 1) {
      const step = implementation.migrations?.find((migration) => migration.from === version);
      try {
        if (step) state = checkShape(step.migrate(copy(state)));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return failure(
          id,
          `Could not upgrade ${label} from version ${version} to ${version + 1}: ${reason}. Report this to the author of the node's pack.`,
          `its upgrade from version ${version} failed: ${reason}`,
        );
      }
      const description = step ? step.description : 'no changes to its settings were needed.';
      notes.push(`Upgraded ${label} from version ${version} to ${version + 1}: ${description}`);
    }

    const upgraded: GraphNode = { ...node, version: target };
    if (node.params !== undefined || Object.keys(state.params).length > 0)
      upgraded.params = state.params;
    if (node.inputs !== undefined || Object.keys(state.inputs).length > 0)
      upgraded.inputs = state.inputs;
    const checked = validateAgainst(graphNodeSchema, upgraded);
    if (!checked.ok) {
      const first = checked.issues[0]!;
      return failure(
        id,
        `Upgrading ${label} to version ${target} produced an invalid node (${first.path}: ${first.message}). Report this to the author of the node's pack.`,
        `its upgrade to version ${target} produced ${first.path}: ${first.message}`,
      );
    }
    nodes = { ...(nodes ?? graph.nodes), [id]: checked.data };
  }
  return { ok: true, graph: nodes ? { ...graph, nodes } : graph, notes };
}

function copy(state: { params: Record<string, ParamValue>; inputs: Record<string, string> }): {
  params: Record<string, ParamValue>;
  inputs: Record<string, string>;
} {
  return { params: { ...state.params }, inputs: { ...state.inputs } };
}

/** Guards against a migration that returns something other than params and inputs. */
function checkShape(state: ReturnType<typeof copy>): ReturnType<typeof copy> {
  const isRecord = (value: unknown): boolean =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(state) || !isRecord(state.params) || !isRecord(state.inputs)) {
    throw new Error('its migration did not return params and inputs');
  }
  return state;
}

function failure(id: string, message: string, detail: string): NodeUpgradeResult {
  const path = formatPath(['nodes', id]);
  return {
    ok: false,
    error: { code: 'INVALID_GRAPH', message, issues: [{ path, message: detail }] },
  };
}
