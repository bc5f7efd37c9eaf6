/**
 * Checks of the graph's named inputs (`weft run g.weft.json seed=3`): each
 * must point at a param of an existing node. A placeholder node's params are
 * unknown, so a graph input pointing into one is given the benefit of the doubt.
 */
import type { GraphFile } from '../graph/schema.ts';
import { parseReference } from '../graph/schema.ts';
import type { GraphIndex } from './graphIndex.ts';
import { createIssue, type ValidationIssue } from './issue.ts';
import { describeNode, listNames, quote } from './wording.ts';

export function graphInputIssues(graph: GraphFile, index: GraphIndex): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [name, input] of Object.entries(graph.inputs ?? {})) {
    const place = { field: `inputs.${name}` };
    const subject = `Graph input ${quote(name)} points to ${quote(input.param)}`;
    const target = parseReference(input.param);
    if (!target) {
      issues.push(
        createIssue(
          'BAD_GRAPH_INPUT',
          `${subject}, which is not written "<nodeId>.<paramName>"; write it that way.`,
          place,
        ),
      );
      continue;
    }
    const node = index.nodes.get(target.nodeId);
    if (!node) {
      issues.push(
        createIssue(
          'BAD_GRAPH_INPUT',
          `${subject}, but there is no node ${quote(target.nodeId)}; point it at an existing node's param or remove it.`,
          place,
        ),
      );
      continue;
    }
    const definition = index.definition(target.nodeId);
    if (!definition || definition.params.some((spec) => spec.name === target.name)) continue;
    const params = listNames(definition.params.map((spec) => spec.name));
    issues.push(
      createIssue(
        'BAD_GRAPH_INPUT',
        `${subject}, but ${describeNode(target.nodeId, node.type)} has no param ${quote(target.name)}; its params are ${params}.`,
        place,
      ),
    );
  }
  return issues;
}
