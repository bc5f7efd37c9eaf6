import { describe, expect, it } from 'vitest';
import { highlightPrompt } from './promptHighlight.ts';

const view = (prompt: string) =>
  highlightPrompt(prompt).map((span) => [span.text, span.kind, span.weight]);

describe('prompt highlighting', () => {
  it('marks explicit, round and square weights with their values', () => {
    expect(view('a (red:1.3) [dog]')).toEqual([
      ['a ', 'text', 1],
      ['(', 'bracket', 1],
      ['red', 'text', 1.3],
      [':1.3', 'weight', 1],
      [')', 'bracket', 1],
      [' ', 'text', 1],
      ['[', 'bracket', 1],
      ['dog', 'text', 0.909],
      [']', 'bracket', 1],
    ]);
  });

  it('multiplies nested groups and runs an unclosed one to the end', () => {
    expect(view('((cat))')[1]).toEqual(['cat', 'text', 1.21]);
    expect(view('(big cat')).toEqual([
      ['(', 'bracket', 1],
      ['big cat', 'text', 1.1],
    ]);
  });

  it('treats escaped and stray brackets as text, and marks BREAK', () => {
    expect(view('\\(x\\) y] BREAK z')).toEqual([
      ['\\(x\\) y] ', 'text', 1],
      ['BREAK', 'break', 1],
      [' z', 'text', 1],
    ]);
  });
});
