/**
 * Schema problems in plain words. zod's own messages ("Invalid input:
 * expected string, received number") are for programmers; these name what
 * the field should hold and what it holds now. Messages written into the
 * schema itself (node ids, connections) take precedence over this map.
 */
import type { z } from 'zod';
import type { GraphLoadIssue } from './result.ts';
import { NODE_ID_PATTERN } from './schema.ts';

type Issue = z.core.$ZodRawIssue;

const SHA256_PATTERN = String(/^[0-9a-f]{64}$/);
const NAME_SENTENCE = 'a name starts with a letter and uses only letters, digits, "-" and "_"';

/** "nodes.sampler.params.seed", "groups[0].width", 'nodes["my node"]'. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) {
      text += text ? `.${segment}` : segment;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

export function validateAgainst<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { ok: true; data: T } | { ok: false; issues: GraphLoadIssue[] } {
  const result = schema.safeParse(value, { error: plainMessage });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    })),
  };
}

/** zod's per-parse error map; undefined leaves zod's default message. */
export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required but missing';
      return `should be ${expectedPhrase(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'too_small':
      return boundMessage(issue.origin, issue.minimum, issue.inclusive, 'small', issue.input);
    case 'too_big':
      return boundMessage(issue.origin, issue.maximum, issue.inclusive, 'big', issue.input);
    case 'invalid_format':
      if (issue.format === 'url')
        return 'should be a web address, such as "https://example.com/model.onnx"';
      if (issue.pattern === SHA256_PATTERN) {
        return 'should be a SHA-256 hash: 64 lowercase hexadecimal digits (0-9, a-f)';
      }
      if (issue.pattern === String(NODE_ID_PATTERN)) return NAME_SENTENCE;
      return issue.pattern ? `has the wrong form: it must match ${issue.pattern}` : undefined;
    case 'invalid_value':
      return `should be ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}, not ${describeValue(issue.input)}`;
    case 'invalid_union': {
      const expected = issue.errors.map((branch) =>
        branch[0]?.code === 'invalid_type' ? branch[0].expected : undefined,
      );
      if (expected.length === 0 || expected.includes(undefined)) return undefined;
      const phrases = expected.map((name) =>
        name === 'boolean' ? 'true/false' : expectedPhrase(name!),
      );
      return `should be ${listWithOr(phrases)}, not ${describeValue(issue.input)}`;
    }
    case 'invalid_key': {
      const inner = issue.issues.map((nested) => nested.message).join('; ');
      return `${JSON.stringify(issue.input)} is not an allowed name here: ${inner}`;
    }
    default:
      return undefined;
  }
}

function boundMessage(
  origin: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  side: 'small' | 'big',
  input: unknown,
): string | undefined {
  if (origin === 'string') {
    if (side === 'small' && bound === 1) return 'must not be empty';
    return `must be at ${side === 'small' ? 'least' : 'most'} ${bound} characters long`;
  }
  if (origin === 'array')
    return `must have at ${side === 'small' ? 'least' : 'most'} ${bound} items`;
  if (origin === 'number' || origin === 'int') {
    const relation = inclusive
      ? `at ${side === 'small' ? 'least' : 'most'}`
      : side === 'small'
        ? 'greater than'
        : 'less than';
    return `must be ${relation} ${bound}, not ${describeValue(input)}`;
  }
  return undefined;
}

function expectedPhrase(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'tuple':
      return 'a list [ … ]';
    case 'object':
    case 'record':
      return 'an object { … }';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the text ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function listWithOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)!}`;
}
