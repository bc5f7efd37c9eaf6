/**
 * The deterministic writer ([F1]): the same graph always gives the same
 * bytes, whatever order its keys arrived in, so graph files diff cleanly in
 * git. Known fields come in a fixed order, then unknown fields ([F2]) sorted
 * by code unit; objects nested in unknown fields are sorted too; arrays keep
 * their order; 2-space indent and a final newline.
 */
import { compareCodeUnits } from './compare.ts';
import type { GraphFile } from './schema.ts';

const TOP_LEVEL = ['format', 'version', 'meta', 'inputs', 'nodes', 'groups', 'models'];
const META = ['title', 'description', 'author', 'appVersion'];
const GRAPH_INPUT = ['param', 'description'];
const NODE = ['type', 'version', 'title', 'mode', 'params', 'inputs', 'ui'];
const NODE_UI = ['x', 'y', 'width', 'height', 'collapsed', 'color'];
const GROUP = ['title', 'color', 'x', 'y', 'width', 'height'];
const MODEL = ['name', 'kind', 'sha256', 'size', 'url'];

/** An object's members in writing order. */
type Ordered = Map<string, unknown>;

export function serializeGraph(graph: GraphFile): string {
  const ordered = orderFields(graph, TOP_LEVEL, {
    meta: (meta) => orderFields(meta, META),
    inputs: (inputs) => orderRecord(inputs, (input) => orderFields(input, GRAPH_INPUT)),
    nodes: (nodes) => orderRecord(nodes, orderNode),
    groups: (groups) => orderList(groups, (group) => orderFields(group, GROUP)),
    models: (models) => orderList(models, (model) => orderFields(model, MODEL)),
  });
  return `${writeJson(ordered, '')}\n`;
}

function orderNode(node: unknown): unknown {
  return orderFields(node, NODE, {
    params: (params) => orderRecord(params, canonical),
    inputs: (inputs) => orderRecord(inputs, canonical),
    ui: (ui) => orderFields(ui, NODE_UI),
  });
}

/**
 * `known` first, in that order (each through its own shaper when given),
 * then the rest sorted. Values that are not objects (an invalid graph built
 * in code) are written as they are rather than dropped.
 */
function orderFields(
  value: unknown,
  known: readonly string[],
  shapers: Readonly<Record<string, (value: unknown) => unknown>> = {},
): unknown {
  if (!isObject(value)) return canonical(value);
  const ordered: Ordered = new Map();
  for (const key of known) {
    if (value[key] !== undefined) ordered.set(key, (shapers[key] ?? canonical)(value[key]));
  }
  for (const key of Object.keys(value).sort(compareCodeUnits)) {
    if (!known.includes(key) && value[key] !== undefined) ordered.set(key, canonical(value[key]));
  }
  return ordered;
}

function orderRecord(value: unknown, shapeEntry: (value: unknown) => unknown): unknown {
  if (!isObject(value)) return canonical(value);
  const ordered: Ordered = new Map();
  for (const key of Object.keys(value).sort(compareCodeUnits)) {
    if (value[key] !== undefined) ordered.set(key, shapeEntry(value[key]));
  }
  return ordered;
}

function orderList(value: unknown, shapeItem: (value: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(shapeItem) : canonical(value);
}

/** Unknown data: objects sorted all the way down, arrays in order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  return isObject(value) ? orderRecord(value, canonical) : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map)
  );
}

/** JSON.stringify(value, null, 2), but with Maps written as objects in their own order. */
function writeJson(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (value instanceof Map) {
    if (value.size === 0) return '{}';
    const members = [...value].map(
      ([key, member]) => `${inner}${JSON.stringify(key)}: ${writeJson(member, inner)}`,
    );
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item: unknown) => `${inner}${writeJson(item ?? null, inner)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  ) {
    return JSON.stringify(value);
  }
  throw new TypeError(`A graph can hold only JSON values, not ${typeof value}`);
}
