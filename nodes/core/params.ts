/**
 * Reading a node's params with the checks its definition promises. Saved
 * params are validated before a run, but a param fed by a connection (an INT
 * wired into "width") arrives unchecked, so run() reads every param through
 * this and gets a NodeError naming the field when it is out of range.
 */
import type { NodeDefinition, ParamSpec } from '../../engine/common/catalog.ts';
import type { NodeParams } from '../../engine/common/nodeApi.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';

export interface ParamReader {
  /** A whole number within the spec's min/max (int and seed params). */
  int(name: string): number;
  /** A finite number within the spec's min/max. */
  float(name: string): number;
  string(name: string): string;
  boolean(name: string): boolean;
  /** One of the spec's options; `T` is the caller's union of those options. */
  option<T extends string>(name: string): T;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function readParams(definition: NodeDefinition, params: NodeParams): ParamReader {
  function spec(name: string): { spec: ParamSpec; value: unknown; label: string } {
    const found = definition.params.find((param) => param.name === name);
    if (!found) throw new Error(`${definition.type} reads a param "${name}" it does not declare`);
    const value = params[name] ?? found.default;
    return { spec: found, value, label: found.label ?? name };
  }

  function invalid(name: string, label: string, expected: string, value: unknown): NodeError {
    return new NodeError(
      'INVALID_PARAM',
      `${definition.title}: "${label}" must be ${expected}, got ${describe(value)}.`,
      name,
    );
  }

  function number(name: string, whole: boolean): number {
    const { spec: param, value, label } = spec(name);
    const min = 'min' in param ? param.min : param.kind === 'seed' ? 0 : undefined;
    const max = 'max' in param ? param.max : undefined;
    const kind = whole ? 'a whole number' : 'a number';
    const range =
      min !== undefined && max !== undefined
        ? ` from ${min} to ${max}`
        : min !== undefined
          ? ` of at least ${min}`
          : max !== undefined
            ? ` of at most ${max}`
            : '';
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (whole && !Number.isInteger(value))
    ) {
      throw invalid(name, label, kind + range, value);
    }
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw invalid(name, label, kind + range, value);
    }
    return value;
  }

  return {
    int: (name) => number(name, true),
    float: (name) => number(name, false),
    string(name) {
      const { value, label } = spec(name);
      if (typeof value !== 'string') throw invalid(name, label, 'text', value);
      return value;
    },
    boolean(name) {
      const { value, label } = spec(name);
      if (typeof value !== 'boolean') throw invalid(name, label, 'true or false', value);
      return value;
    },
    option<T extends string>(name: string): T {
      const { spec: param, value, label } = spec(name);
      const options = param.kind === 'enum' ? param.options : [];
      if (typeof value !== 'string' || !options.includes(value)) {
        throw invalid(name, label, `one of ${options.join(', ')}`, value);
      }
      return value as T;
    },
  };
}
