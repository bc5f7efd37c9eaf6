/**
 * Graph validation: every problem with a graph, found at once, before a run
 * or on load. Validation never throws and never changes the graph; the caller
 * decides what errors block (see `hasErrors`). The list is always in one
 * deterministic order (issue.ts), so the CLI's output and tests are stable.
 *
 * A node whose type is not installed is a placeholder: it gets exactly one
 * UNKNOWN_NODE_TYPE, and nothing that needs its definition (its ports, params,
 * and the types on its edges) is checked.
 */
import type { GraphFile, GraphNode } from '../graph/schema.ts';
import { parseReference } from '../graph/schema.ts';
import type { DefinitionLookup } from '../registry.ts';
import { connectionIssues } from './connectionIssues.ts';
import { findCycles } from './cycles.ts';
import { graphInputIssues } from './graphInputIssues.ts';
import { indexGraph, type GraphIndex } from './graphIndex.ts';
import { compareIssues, createIssue, type ValidationIssue } from './issue.ts';
import { paramIssues } from './paramIssues.ts';
import { capitalize, describeNode, quote } from './wording.ts';

export type { ValidationIssue } from './issue.ts';

export interface ValidateOptions {
  /** Node ids the run was asked for (instead of the output nodes); each must exist. */
  targets?: readonly string[];
}

export function validateGraph(
  graph: GraphFile,
  lookup: DefinitionLookup,
  options: ValidateOptions = {},
): ValidationIssue[] {
  const index = indexGraph(graph, lookup);
  const issues: ValidationIssue[] = [];
  for (const [nodeId, node] of index.nodes) {
    issues.push(...nodeTypeIssues(nodeId, node, index));
    issues.push(...connectionIssues(nodeId, node, index));
    const definition = index.definition(nodeId);
    if (definition) issues.push(...paramIssues(nodeId, node, definition));
  }
  issues.push(...cycleIssues(index));
  issues.push(...graphInputIssues(graph, index));
  issues.push(...targetIssues(options.targets ?? [], index));
  return issues.sort(compareIssues);
}

function nodeTypeIssues(nodeId: string, node: GraphNode, index: GraphIndex): ValidationIssue[] {
  const definition = index.definition(nodeId);
  const place = { nodeId };
  if (!definition) {
    return [
      createIssue(
        'UNKNOWN_NODE_TYPE',
        `Node ${quote(nodeId)} has type ${quote(node.type)}, but no installed node pack provides it; install the missing pack (the node is kept as a placeholder until then).`,
        place,
      ),
    ];
  }
  if (node.version !== undefined && node.version > definition.version) {
    return [
      createIssue(
        'NODE_VERSION_NEWER',
        `${capitalize(describeNode(nodeId, node.type))} was saved with version ${node.version} of its type, but version ${definition.version} is installed; update its node pack, or results may differ.`,
        place,
      ),
    ];
  }
  return [];
}

/** Edges follow data flow: from the node a reference names to the node that holds it. */
function cycleIssues(index: GraphIndex): ValidationIssue[] {
  const consumers = new Map<string, string[]>();
  for (const [nodeId, node] of index.nodes) {
    for (const reference of Object.values(node.inputs ?? {})) {
      const source = parseReference(reference)?.nodeId;
      if (source === undefined || !index.nodes.has(source)) continue;
      const list = consumers.get(source);
      if (list) list.push(nodeId);
      else consumers.set(source, [nodeId]);
    }
  }
  const cycles = findCycles([...index.nodes.keys()], (nodeId) => consumers.get(nodeId) ?? []);
  return cycles.map(({ path, alsoInvolved }) => {
    const first = path[0]!;
    const loop = [...path, first].join(' → ');
    const others = alsoInvolved.length > 0 ? ` (${alsoInvolved.join(', ')} also caught in it)` : '';
    const [verb, fix] =
      path.length === 1
        ? ['feeds its own output back into itself', 'remove that connection']
        : ['is part of a loop', 'remove one of these connections'];
    return createIssue(
      'CYCLE',
      `${capitalize(describeNode(first, index.nodes.get(first)?.type ?? ''))} ${verb}: ${loop}${others}; ${fix}.`,
      { nodeId: first },
    );
  });
}

function targetIssues(targets: readonly string[], index: GraphIndex): ValidationIssue[] {
  return [...new Set(targets)]
    .filter((target) => !index.nodes.has(target))
    .map((target) =>
      createIssue(
        'UNKNOWN_TARGET',
        `Run target ${quote(target)} is not a node in this graph; check the node id (ids are case-sensitive).`,
        { field: 'targets' },
      ),
    );
}
