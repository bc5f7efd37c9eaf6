import { describe, expect, it } from 'vitest';
import { cleanText, preTokens } from './clipText.ts';

describe('cleanText', () => {
  it('unescapes html twice, collapses whitespace, strips and lowercases', () => {
    expect(cleanText('  A &amp;amp; B \n\t\u00a0 Red  ')).toBe('a & b red');
    expect(cleanText('&lt;3')).toBe('<3');
  });

  it('normalises to NFC, so a combining accent equals the composed letter', () => {
    expect(cleanText('Cafe\u0301')).toBe('café');
  });

  it('counts U+0085 as whitespace and U+FEFF not, like Python', () => {
    expect(cleanText('a\u0085b')).toBe('a b');
    expect(cleanText('\ufeffa')).toBe('\ufeffa');
  });
});

describe('preTokens', () => {
  it('splits words, single digits and punctuation runs', () => {
    expect(preTokens('a red, (blue)!! 123 café')).toEqual([
      'a',
      'red',
      ',',
      '(',
      'blue',
      ')!!',
      '1',
      '2',
      '3',
      'café',
    ]);
  });

  it("splits the contractions 's 't 're 've 'm 'll 'd off, other apostrophes alone", () => {
    expect(preTokens("it's don't we're i've i'm you'll he'd")).toEqual([
      'it',
      "'s",
      'don',
      "'t",
      'we',
      "'re",
      'i',
      "'ve",
      'i',
      "'m",
      'you',
      "'ll",
      'he',
      "'d",
    ]);
    expect(preTokens("rock'n'roll")).toEqual(['rock', "'", 'n', "'", 'roll']);
  });

  it('keeps the special tokens whole', () => {
    expect(preTokens('x<|endoftext|><|startoftext|>y<|x')).toEqual([
      'x',
      '<|endoftext|>',
      '<|startoftext|>',
      'y',
      '<|',
      'x',
    ]);
  });

  it('gives nothing for empty text', () => {
    expect(preTokens('')).toEqual([]);
  });
});
