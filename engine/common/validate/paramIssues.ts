/**
 * Checks of the param values saved on one installed node against its
 * definition. A param fed by a connection is not checked here: the connected
 * value overrides the saved one at run time (connectionIssues checks its type).
 * Missing params are fine: defaults apply.
 */
import type { NodeDefinition, ParamSpec, ParamValue } from '../catalog.ts';
import type { GraphNode } from '../graph/schema.ts';
import { createIssue, type ValidationIssue } from './issue.ts';
import { describeNode, describeValue, listNames, quote } from './wording.ts';

/** Seeds must survive the trip through a JS number exactly. */
const SEED_MAX = Number.MAX_SAFE_INTEGER;

/** What a kind takes, in an artist's words: "an int (a whole number)". */
function expected(spec: ParamSpec): { kind: string; value: string } {
  switch (spec.kind) {
    case 'int':
      return { kind: 'an int', value: 'a whole number' };
    case 'float':
      return { kind: 'a float', value: 'a number' };
    case 'seed':
      return { kind: 'a seed', value: 'a whole number of 0 or more' };
    case 'boolean':
      return { kind: 'a boolean', value: 'true or false' };
    case 'enum':
      return { kind: 'an enum', value: `one of ${listNames(spec.options)}` };
    case 'string':
      return { kind: 'a string', value: 'text' };
    case 'file':
      return { kind: 'a file', value: 'a file path as text' };
    case 'model':
      return { kind: 'a model', value: 'a model name as text' };
  }
}

export function paramIssues(
  nodeId: string,
  node: GraphNode,
  definition: NodeDefinition,
): ValidationIssue[] {
  const specs = new Map(definition.params.map((spec) => [spec.name, spec]));
  const connected = new Set(Object.keys(node.inputs ?? {}));
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(node.params ?? {})) {
    const spec = specs.get(name);
    const place = { nodeId, field: name };
    const subject = `Param ${quote(name)} of ${describeNode(nodeId, node.type)}`;
    if (spec === undefined) {
      const known = listNames(definition.params.map((param) => param.name));
      issues.push(
        createIssue(
          'UNKNOWN_PARAM',
          `${subject} is not a param of this type (maybe it was saved by another version), so it is ignored; its params are ${known}.`,
          place,
        ),
      );
      continue;
    }
    if (connected.has(name)) continue;
    const problem = checkValue(spec, value);
    if (problem) issues.push(createIssue(problem.code, `${subject} ${problem.text}`, place));
  }
  return issues;
}

interface ValueProblem {
  code: 'PARAM_TYPE' | 'PARAM_NOT_INTEGER' | 'PARAM_RANGE' | 'PARAM_ENUM';
  /** The rest of the sentence after "Param "x" of node "y" (t)". */
  text: string;
}

function checkValue(spec: ParamSpec, value: ParamValue): ValueProblem | undefined {
  const { kind, value: takes } = expected(spec);
  const wrongType: ValueProblem = {
    code: 'PARAM_TYPE',
    text: `expects ${kind} (${takes}) but is ${describeValue(value)}; set it to ${takes}, such as its default ${describeValue(spec.default)}.`,
  };
  switch (spec.kind) {
    case 'int':
    case 'seed':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType;
      if (spec.kind !== 'float' && !Number.isInteger(value)) {
        return {
          code: 'PARAM_NOT_INTEGER',
          text: `must be a whole number; it is ${describeValue(value)}.`,
        };
      }
      const [min, max] = spec.kind === 'seed' ? [0, SEED_MAX] : [spec.min, spec.max];
      return checkRange(value, min, max);
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrongType;
    case 'enum':
      if (typeof value !== 'string') return wrongType;
      return spec.options.includes(value)
        ? undefined
        : {
            code: 'PARAM_ENUM',
            text: `must be one of ${listNames(spec.options)}; it is ${describeValue(value)}.`,
          };
    case 'string':
    case 'file':
    case 'model':
      return typeof value === 'string' ? undefined : wrongType;
  }
}

function checkRange(
  value: number,
  min: number | undefined,
  max: number | undefined,
): ValueProblem | undefined {
  const below = min !== undefined && value < min;
  const above = max !== undefined && value > max;
  if (!below && !above) return undefined;
  const allowed =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${String(max)}`;
  return { code: 'PARAM_RANGE', text: `must be ${allowed}; it is ${value}.` };
}
