/**
 * Checks of one node's connections (its `inputs`). An inputs key names an
 * input port or, by the engine's rule, a param whose widget value the
 * connected value overrides; the value must then be `paramValueType(param)`.
 *
 * Each key gets at most one issue, the first that applies: UNKNOWN_INPUT,
 * BAD_REFERENCE, DANGLING_REFERENCE, UNKNOWN_OUTPUT, TYPE_MISMATCH. A
 * placeholder (a node whose type is not installed) has unknown ports, so
 * nothing about its own ports or types is checked, nor the outputs other
 * nodes take from it; that its sources exist is still checked.
 */
import { paramValueType } from '../catalog.ts';
import type { GraphNode } from '../graph/schema.ts';
import { parseReference } from '../graph/schema.ts';
import { canConnect, type ValueType } from '../valueTypes.ts';
import type { GraphIndex } from './graphIndex.ts';
import { createIssue, type ValidationIssue } from './issue.ts';
import { capitalize, describeNode, listNames, quote } from './wording.ts';

export function connectionIssues(
  nodeId: string,
  node: GraphNode,
  index: GraphIndex,
): ValidationIssue[] {
  const definition = index.definition(nodeId);
  const connections = Object.entries(node.inputs ?? {});
  const issues: ValidationIssue[] = [];
  const target = describeNode(nodeId, node.type);

  for (const [name, reference] of connections) {
    const place = { nodeId, field: name };
    const port = definition?.inputs.find((input) => input.name === name);
    const param = port ? undefined : definition?.params.find((spec) => spec.name === name);
    const expected: ValueType | undefined = port?.type ?? (param && paramValueType(param));
    const what = `${param ? 'param' : 'input'} ${quote(name)} of ${target}`;

    if (definition && expected === undefined) {
      const inputs = listNames(definition.inputs.map((input) => input.name));
      const params = listNames(definition.params.map((spec) => spec.name));
      issues.push(
        createIssue(
          'UNKNOWN_INPUT',
          `${capitalize(target)} has no input or param ${quote(name)} to connect ${quote(reference)} to; its inputs are ${inputs} and its params are ${params}.`,
          place,
        ),
      );
      continue;
    }

    const source = parseReference(reference);
    if (!source) {
      issues.push(
        createIssue(
          'BAD_REFERENCE',
          `${capitalize(what)} is connected to ${quote(reference)}, which is not written "<nodeId>.<outputName>"; reconnect it.`,
          place,
        ),
      );
      continue;
    }

    const sourceNode = index.nodes.get(source.nodeId);
    if (!sourceNode) {
      issues.push(
        createIssue(
          'DANGLING_REFERENCE',
          `${capitalize(what)} is connected to ${quote(reference)}, but there is no node ${quote(source.nodeId)}; reconnect it or remove the connection.`,
          place,
        ),
      );
      continue;
    }

    const sourceDefinition = index.definition(source.nodeId);
    if (!sourceDefinition) continue;
    const output = sourceDefinition.outputs.find((candidate) => candidate.name === source.name);
    if (!output) {
      const outputs = listNames(sourceDefinition.outputs.map((candidate) => candidate.name));
      issues.push(
        createIssue(
          'UNKNOWN_OUTPUT',
          `${capitalize(what)} is connected to ${quote(reference)}, but ${describeNode(source.nodeId, sourceNode.type)} has no output ${quote(source.name)}; its outputs are ${outputs}.`,
          place,
        ),
      );
      continue;
    }

    if (expected !== undefined && !canConnect(output.type, expected)) {
      issues.push(
        createIssue(
          'TYPE_MISMATCH',
          `${output.type} cannot connect to ${expected}: ${quote(reference)} gives ${output.type} but ${what} takes ${expected}; connect an output that gives ${expected} instead.`,
          place,
        ),
      );
    }
  }

  if (definition) {
    const connected = new Set(connections.map(([name]) => name));
    for (const port of definition.inputs) {
      if (port.optional || connected.has(port.name)) continue;
      issues.push(
        createIssue(
          'MISSING_INPUT',
          `Input ${quote(port.name)} of ${target} is not connected; connect an output that gives ${port.type} to it.`,
          { nodeId, field: port.name },
        ),
      );
    }
  }
  return issues;
}
