import { describe, expect, it } from 'vitest';
import type { PromptSegment } from './weightSyntax.ts';
import { parsePromptWeights } from './weightSyntax.ts';

const BREAK: PromptSegment = { break: true };
const text = (value: string, weight: number): PromptSegment => ({ text: value, weight });

// Expected values are A1111's parse_prompt_attention outputs (its doctests and a Python run).
describe('parsePromptWeights (A1111 attention syntax)', () => {
  it('leaves plain text at weight 1', () => {
    expect(parsePromptWeights('normal text')).toEqual([text('normal text', 1)]);
    expect(parsePromptWeights('')).toEqual([text('', 1)]);
    expect(parsePromptWeights('a:b')).toEqual([text('a:b', 1)]);
  });

  it('multiplies (x) by 1.1, ((x)) by 1.21, [x] by 1/1.1, and (x:w) by w', () => {
    expect(parsePromptWeights('an (important) word')).toEqual([
      text('an ', 1),
      text('important', 1.1),
      text(' word', 1),
    ]);
    expect(parsePromptWeights('((word))')).toEqual([text('word', 1.2100000000000002)]);
    expect(parsePromptWeights('[word]')).toEqual([text('word', 0.9090909090909091)]);
    expect(parsePromptWeights('[[word]]')).toEqual([text('word', 0.8264462809917354)]);
    expect(parsePromptWeights('(word:1.3)')).toEqual([text('word', 1.3)]);
    expect(parsePromptWeights('(a:+.5)')).toEqual([text('a', 0.5)]);
    expect(parsePromptWeights('(a:-1)')).toEqual([text('a', -1)]);
  });

  it('nests, closes unbalanced brackets at the end and joins equal weights', () => {
    expect(parsePromptWeights('a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).')).toEqual([
      text('a ', 1),
      text('house', 1.5730000000000004),
      text(' ', 1.1),
      text('on', 1),
      text(' a ', 1.1),
      text('hill', 0.55),
      text(', sun, ', 1.1),
      text('sky', 1.4641000000000006),
      text('.', 1.1),
    ]);
    expect(parsePromptWeights('(a [b] c:0.8) d')).toEqual([
      text('a ', 0.8),
      text('b', 0.7272727272727273),
      text(' c', 0.8),
      text(' d', 1),
    ]);
    expect(parsePromptWeights('((a) b:1.5)')).toEqual([
      text('a', 1.6500000000000001),
      text(' b', 1.5),
    ]);
    expect(parsePromptWeights('[a (b]) c')).toEqual([
      text('a ', 0.9090909090909091),
      text('b c', 1),
    ]);
    expect(parsePromptWeights('(unbalanced')).toEqual([text('unbalanced', 1.1)]);
    expect(parsePromptWeights('(unnecessary)(parens)')).toEqual([text('unnecessaryparens', 1.1)]);
  });

  it('reads escaped brackets and backslashes literally; a stray closer is text', () => {
    expect(parsePromptWeights('\\(literal\\]')).toEqual([text('(literal]', 1)]);
    expect(parsePromptWeights('a \\\\ b \\x')).toEqual([text('a \\ b x', 1)]);
    expect(parsePromptWeights(':1.3) x]')).toEqual([text(':1.3) x]', 1)]);
  });

  it('splits at BREAK, a whole capitalised word, dropping the spaces around it', () => {
    expect(parsePromptWeights('a BREAK b')).toEqual([text('a', 1), BREAK, text('b', 1)]);
    expect(parsePromptWeights('x (y) BREAK z')).toEqual([
      text('x ', 1),
      text('y', 1.1),
      text('', 1),
      BREAK,
      text('z', 1),
    ]);
    expect(parsePromptWeights('BREAKFAST break éBREAK')).toEqual([
      text('BREAKFAST break éBREAK', 1),
    ]);
  });

  it('departs from A1111 only where it misbehaves', () => {
    expect(parsePromptWeights('(a:1.2.3) b')).toEqual([text('a:1.2.3', 1.1), text(' b', 1)]);
    expect(parsePromptWeights('a BREAK BREAK b')).toEqual([
      text('a', 1),
      BREAK,
      text('', 1),
      BREAK,
      text('b', 1),
    ]);
    expect(parsePromptWeights('(a BREAK b)')).toEqual([text('a', 1.1), BREAK, text('b', 1.1)]);
  });
});
