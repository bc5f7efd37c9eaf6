/**
 * Reading a param value typed as text (the command line's `seed=3`) by the
 * param's kind ([F14]). Ranges are not checked here: validation reports them
 * with the rest of the graph's problems.
 */
import type { ParamSpec, ParamValue } from '../catalog.ts';

export type ParamTextResult = { ok: true; value: ParamValue } | { ok: false; expected: string };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_WORDS = ['true', '1', 'yes'];
const FALSE_WORDS = ['false', '0', 'no'];

export function parseParamText(spec: ParamSpec, text: string): ParamTextResult {
  switch (spec.kind) {
    case 'int':
    case 'seed': {
      const value = decimal(text);
      return value !== undefined && Number.isSafeInteger(value)
        ? { ok: true, value }
        : { ok: false, expected: `a whole number (${spec.kind}), such as 20` };
    }
    case 'float': {
      const value = decimal(text);
      return value !== undefined
        ? { ok: true, value }
        : { ok: false, expected: 'a number (float), such as 7.5' };
    }
    case 'boolean': {
      const word = text.trim().toLowerCase();
      if (TRUE_WORDS.includes(word)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(word)) return { ok: true, value: false };
      return { ok: false, expected: 'true or false (or yes/no, 1/0)' };
    }
    case 'enum':
      return spec.options.includes(text)
        ? { ok: true, value: text }
        : { ok: false, expected: `one of: ${spec.options.join(', ')}` };
    case 'string':
    case 'file':
    case 'model':
      return { ok: true, value: text };
  }
}

function decimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
