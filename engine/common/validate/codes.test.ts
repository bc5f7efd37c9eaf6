import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODE_LIST, ISSUE_CODES } from './codes.ts';

describe('ISSUE_CODES', () => {
  it('lists the codes tools rely on, in their stable order', () => {
    expect(ISSUE_CODE_LIST).toEqual([
      'UNKNOWN_NODE_TYPE',
      'NODE_VERSION_NEWER',
      'CYCLE',
      'UNKNOWN_INPUT',
      'BAD_REFERENCE',
      'DANGLING_REFERENCE',
      'UNKNOWN_OUTPUT',
      'TYPE_MISMATCH',
      'MISSING_INPUT',
      'UNKNOWN_PARAM',
      'PARAM_TYPE',
      'PARAM_NOT_INTEGER',
      'PARAM_RANGE',
      'PARAM_ENUM',
      'BAD_GRAPH_INPUT',
      'UNKNOWN_TARGET',
    ]);
  });

  it('makes only UNKNOWN_PARAM and NODE_VERSION_NEWER warnings', () => {
    const warnings = ISSUE_CODE_LIST.filter((code) => ISSUE_CODES[code].severity === 'warning');
    expect(warnings).toEqual(['NODE_VERSION_NEWER', 'UNKNOWN_PARAM']);
  });

  it('keeps the doc comment’s table in step with the codes, severities and meanings', () => {
    const source = readFileSync(new URL('./codes.ts', import.meta.url), 'utf8');
    const rows = [...source.matchAll(/^ \* - ([A-Z_]+) +(error|warning) +(.+)$/gm)].map(
      ([, code, severity, meaning]) => [code, severity, meaning],
    );
    expect(rows).toEqual(
      ISSUE_CODE_LIST.map((code) => [code, ISSUE_CODES[code].severity, ISSUE_CODES[code].meaning]),
    );
  });
});
