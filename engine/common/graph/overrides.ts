/**
 * Param overrides from the command line ([F13]–[F15]):
 * `weft run g.weft.json seed=3 --set sampler.steps=20`. A target without a
 * dot is a named graph input; with a dot it is "<nodeId>.<paramName>". The
 * text is read by the param's kind. The input graph is never changed: nodes
 * that get a value are copied.
 */
import type { ParamSpec } from '../catalog.ts';
import type { DefinitionLookup } from '../registry.ts';
import { compareCodeUnits } from './compare.ts';
import { parseParamText } from './paramText.ts';
import type { GraphFile, GraphNode } from './schema.ts';

export interface ParamOverride {
  /** "seed" (a graph input) or "sampler.steps" (a node's param). */
  target: string;
  value: string;
}

export type OverrideErrorCode =
  'UNKNOWN_GRAPH_INPUT' | 'UNKNOWN_NODE' | 'UNKNOWN_PARAM' | 'BAD_VALUE' | 'PARAM_CONNECTED';

export interface OverrideError {
  code: OverrideErrorCode;
  /** The target as the user wrote it. */
  target: string;
  message: string;
}

export interface OverrideResult {
  graph: GraphFile;
  errors: OverrideError[];
}

export function applyOverrides(
  graph: GraphFile,
  overrides: readonly ParamOverride[],
  lookup: DefinitionLookup,
): OverrideResult {
  const errors: OverrideError[] = [];
  let nodes: Record<string, GraphNode> = graph.nodes;
  for (const { target, value } of overrides) {
    const resolved = resolveTarget(graph, target);
    if ('code' in resolved) {
      errors.push(resolved);
      continue;
    }
    const { nodeId, paramName, via } = resolved;
    const node = Object.hasOwn(nodes, nodeId) ? nodes[nodeId] : undefined;
    const fail = (code: OverrideErrorCode, text: string): void => {
      const message = via ? `${via}${text}` : `${text[0]!.toUpperCase()}${text.slice(1)}`;
      errors.push({ code, target, message });
    };
    if (node === undefined) {
      fail(
        'UNKNOWN_NODE',
        `there is no node "${nodeId}" in this graph. Its nodes are: ${list(Object.keys(nodes))}.`,
      );
      continue;
    }
    const definition = lookup.definition(node.type);
    if (definition === undefined) {
      fail(
        'UNKNOWN_NODE',
        `node "${nodeId}" is of type "${node.type}", which is not installed, so its params cannot be set. Install the pack that provides it.`,
      );
      continue;
    }
    const spec: ParamSpec | undefined = definition.params.find((param) => param.name === paramName);
    if (spec === undefined) {
      const names = definition.params.map((param) => param.name);
      fail(
        'UNKNOWN_PARAM',
        `node "${nodeId}" (${node.type}) has no param "${paramName}". ${names.length > 0 ? `Its params are: ${list(names)}.` : 'It has no params.'}`,
      );
      continue;
    }
    const connection = node.inputs?.[paramName];
    if (connection !== undefined) {
      // [F16] a connection overrides the widget value, so a value set here would be ignored.
      fail(
        'PARAM_CONNECTED',
        `the param ${nodeId}.${paramName} is fed by a connection from "${connection}", so a value set here would be ignored. Set the value on the node it comes from instead.`,
      );
      continue;
    }
    const parsed = parseParamText(spec, value);
    if (!parsed.ok) {
      fail(
        'BAD_VALUE',
        `the value ${JSON.stringify(value)} is not valid for ${nodeId}.${paramName}: expected ${parsed.expected}.`,
      );
      continue;
    }
    nodes = {
      ...nodes,
      [nodeId]: { ...node, params: { ...node.params, [paramName]: parsed.value } },
    };
  }
  return { graph: nodes === graph.nodes ? graph : { ...graph, nodes }, errors };
}

type ResolvedTarget = { nodeId: string; paramName: string; via: string } | OverrideError;

/** `via` prefixes messages for named inputs, so the user sees which node param the name stands for. */
function resolveTarget(graph: GraphFile, target: string): ResolvedTarget {
  const dot = target.indexOf('.');
  if (dot !== -1)
    return { nodeId: target.slice(0, dot), paramName: target.slice(dot + 1), via: '' };

  const inputs = graph.inputs ?? {};
  const input = Object.hasOwn(inputs, target) ? inputs[target] : undefined;
  if (input === undefined) {
    const names = Object.keys(inputs);
    const known =
      names.length > 0 ? `Its named inputs are: ${list(names)}.` : 'It has no named inputs.';
    return {
      code: 'UNKNOWN_GRAPH_INPUT',
      target,
      message: `"${target}" is not a named input of this graph. ${known} Any param can be set as <nodeId>.<param>, e.g. ${exampleTarget(graph)}.`,
    };
  }
  const dotInParam = input.param.indexOf('.');
  return {
    nodeId: input.param.slice(0, dotInParam),
    paramName: input.param.slice(dotInParam + 1),
    via: `Graph input "${target}" stands for ${input.param}, but `,
  };
}

function exampleTarget(graph: GraphFile): string {
  const first = Object.entries(graph.nodes).sort(([left], [right]) =>
    compareCodeUnits(left, right),
  )[0];
  const param = first && Object.keys(first[1].params ?? {}).sort(compareCodeUnits)[0];
  return first && param ? `${first[0]}.${param}` : 'sampler.steps';
}

function list(names: readonly string[]): string {
  return names.length > 0 ? [...names].sort(compareCodeUnits).join(', ') : '(none)';
}
