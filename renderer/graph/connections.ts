/**
 * Which wires the canvas accepts, and why not: the live check behind a drag.
 * Types come from the catalog (an input port's type, or for a param fed by a
 * connection `paramValueType`, as validation's connectionIssues does), and the
 * rule itself is the engine's `canConnect`, so the editor refuses exactly
 * what validation would report.
 */
import { paramValueType, type NodeDefinition } from '../../engine/common/catalog.ts';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { parseReference } from '../../engine/common/graph/schema.ts';
import { canConnect, type ValueType } from '../../engine/common/valueTypes.ts';
import type { Link } from './edits.ts';
import type { DefinitionOf } from './lookup.ts';

/** The type an input name takes: a port's, or a param's when a wire feeds it. */
export function inputType(definition: NodeDefinition, name: string): ValueType | undefined {
  const port = definition.inputs.find((input) => input.name === name);
  if (port) return port.type;
  const param = definition.params.find((spec) => spec.name === name);
  return param ? paramValueType(param) : undefined;
}

export function outputType(definition: NodeDefinition, name: string): ValueType | undefined {
  return definition.outputs.find((output) => output.name === name)?.type;
}

export type ConnectionCheck = { ok: true; type: ValueType } | { ok: false; reason: string };

export function checkConnection(
  graph: GraphFile,
  definitionOf: DefinitionOf,
  link: Link,
): ConnectionCheck {
  const source = graph.nodes[link.source];
  const target = graph.nodes[link.target];
  if (!source || !target) return { ok: false, reason: 'That node no longer exists.' };
  if (link.source === link.target) {
    return { ok: false, reason: 'A node cannot feed its own input.' };
  }
  const sourceDefinition = definitionOf(source.type);
  const targetDefinition = definitionOf(target.type);
  if (!sourceDefinition || !targetDefinition) {
    const missing = sourceDefinition ? target.type : source.type;
    return {
      ok: false,
      reason: `Node type ${missing} is not installed, so its ports are unknown; install its pack first.`,
    };
  }
  const from = outputType(sourceDefinition, link.output);
  const to = inputType(targetDefinition, link.input);
  if (!from || !to) return { ok: false, reason: 'That port does not exist on this node.' };
  if (!canConnect(from, to)) return { ok: false, reason: `${from} cannot connect to ${to}` };
  if (reaches(graph, link.target, link.source)) {
    return {
      ok: false,
      reason: `This would make a loop: ${link.source} already depends on ${link.target}.`,
    };
  }
  return { ok: true, type: from };
}

/** True when `to` depends on `from` through existing connections. */
export function reaches(graph: GraphFile, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [to];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === from) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const reference of Object.values(graph.nodes[id]?.inputs ?? {})) {
      const source = parseReference(reference)?.nodeId;
      if (source !== undefined) stack.push(source);
    }
  }
  return false;
}

/** The first input (ports, then params) of `definition` that takes `type`. */
export function firstInputTaking(definition: NodeDefinition, type: ValueType): string | undefined {
  const port = definition.inputs.find((input) => canConnect(type, input.type));
  if (port) return port.name;
  return definition.params.find((param) => canConnect(type, paramValueType(param)))?.name;
}

/** The first output of `definition` that can feed `type`. */
export function firstOutputGiving(definition: NodeDefinition, type: ValueType): string | undefined {
  return definition.outputs.find((output) => canConnect(output.type, type))?.name;
}
