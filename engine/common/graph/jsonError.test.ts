import { describe, expect, it } from 'vitest';
import { describeJsonError, syntaxErrorOffset } from './jsonError.ts';
import { scanJson } from './jsonScan.ts';

const TEXT = '{\n  "a": 1,\n  "b": x\n}';

function v8Message(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected invalid JSON');
}

describe('syntaxErrorOffset', () => {
  it('[F6] reads the older V8 form "at position N"', () => {
    expect(syntaxErrorOffset(TEXT, 'Unexpected token in JSON at position 19')).toBe(19);
  });

  it('[F6] reads the newer V8 form "(line L column C)" and prefers it', () => {
    const message =
      "Expected ',' or '}' after property value in JSON at position 99 (line 3 column 8)";
    // line 3 starts at offset 12; column 8 is 7 code units further.
    expect(syntaxErrorOffset(TEXT, message)).toBe(19);
  });

  it('[F7] puts "Unexpected end of JSON input" at the end of the text', () => {
    expect(syntaxErrorOffset(TEXT, 'Unexpected end of JSON input')).toBe(TEXT.length);
  });

  it('[F6] gives nothing when the message names no place', () => {
    expect(syntaxErrorOffset(TEXT, `Unexpected token 'x', ..."b": x }" is not valid JSON`)).toBe(
      undefined,
    );
  });
});

describe('describeJsonError', () => {
  it('[F6] reports a newer-V8 message at its line and column, without the position noise', () => {
    const message =
      "Expected ',' or '}' after property value in JSON at position 19 (line 3 column 8)";
    expect(describeJsonError(TEXT, message, 'g.weft.json')).toEqual({
      code: 'NOT_JSON',
      line: 3,
      column: 8,
      message:
        "g.weft.json is not valid JSON at line 3, column 8: expected ',' or '}' after property value. Look there for a missing or extra comma, quote or bracket.",
    });
  });

  it('[F7] a position at the end of the content (trailing newlines aside) is TRUNCATED', () => {
    const text = '{\n  "a": [1, 2\n\n';
    const error = describeJsonError(text, v8Message(text), 'The file');
    expect([error.code, error.line, error.column]).toEqual(['TRUNCATED', 2, 13]);
  });
});

describe('scanJson', () => {
  const broken = [
    '{"a": 1,}',
    '{"a" 1}',
    '[1, 2,, 3]',
    '{"a": "tab\there"}',
    '{"a": "\\q"}',
    '{"a": 01}',
    '{"a": -}',
    '{"a": 1.}',
    '{"a": tru}',
    '{"a": 1} x',
    "{'a': 1}",
    '{"a": [1 2]}',
  ];

  it.each(broken)('[F6] finds the same offset V8 reports for %s', (text) => {
    const position = /at position (\d+)/.exec(v8Message(text));
    const scan = scanJson(text);
    expect(scan.kind).toBe('syntax');
    if (position && scan.kind === 'syntax') expect(scan.offset).toBe(Number(position[1]));
  });

  it('[F6] agrees with JSON.parse on valid text', () => {
    const valid = [
      '0',
      '-0.5e+10',
      '"\\u00e9\\n"',
      ' [ ] ',
      '{}',
      '{"a": {"b": [true, false, null, {"c": "d"}]}, "e": -1}',
    ];
    for (const text of valid) expect(scanJson(text)).toEqual({ kind: 'valid' });
  });

  it('[F17] names a repeated key with its path', () => {
    const text = '{"nodes": {"a": {}, "b": {"params": {"x": 1, "x": 2}}}}';
    expect(scanJson(text)).toEqual({
      kind: 'duplicate',
      key: 'x',
      offset: text.lastIndexOf('"x"'),
      path: ['nodes', 'b', 'params', 'x'],
    });
    expect(scanJson('[{"a": 1}, {"a": 1, "a": 2}]')).toMatchObject({ path: [1, 'a'] });
    // Equal keys in different objects are fine; escapes are compared decoded.
    expect(scanJson('[{"a": 1}, {"a": 1}]')).toEqual({ kind: 'valid' });
    expect(scanJson('{"a": 1, "\\u0061": 2}')).toMatchObject({ kind: 'duplicate', key: 'a' });
  });

  it('[F6] survives very deep nesting', () => {
    const depth = 200_000;
    expect(scanJson('['.repeat(depth) + ']'.repeat(depth))).toEqual({ kind: 'valid' });
    expect(scanJson('['.repeat(depth))).toEqual({ kind: 'syntax', offset: depth });
  });
});
