import { describe, expect, it } from 'vitest';
import { tokenizerFiles } from '../../../resources/fixture-models/toySd/tokenizerFiles.ts';
import { weightedTokens } from './chunks.ts';
import { ClipTokenizer } from './clipTokenizer.ts';

const files = tokenizerFiles();
const toy = ClipTokenizer.fromFiles({
  vocabJson: files['vocab.json']!,
  mergesTxt: files['merges.txt']!,
  specialTokensMap: files['special_tokens_map.json']!,
});
const BOS = 49406;
const EOS = 49407;
const A = 320;
const RED = 515;
const BLUE = 521;
const CIRCLE = 526;
const COMMA = 267;

const head = (values: ArrayLike<number>, count: number) => Array.from(values).slice(0, count);
const repeat = (word: string, count: number) => `${word} `.repeat(count);

describe('weightedTokens', () => {
  it('gives each token its segment weight; bos, eos and padding weigh 1', () => {
    const { chunks, tokenCount } = weightedTokens(toy, 'a (red:1.5) [circle]');
    expect(chunks).toHaveLength(1);
    expect(tokenCount).toBe(3);
    const [chunk] = chunks;
    expect(chunk!.length).toBe(5);
    expect(head(chunk!.ids, 6)).toEqual([BOS, A, RED, CIRCLE, EOS, EOS]);
    expect(head(chunk!.weights, 6)).toEqual([1, 1, 1.5, 0.9090909090909091, 1, 1]);
    expect(chunk!.ids.length).toBe(77);
    expect(chunk!.weights.length).toBe(77);
  });

  it('pads with the pipeline pad id after eos (0 for SD 2.x)', () => {
    const sd2 = ClipTokenizer.fromFiles({
      vocabJson: files['vocab.json']!,
      mergesTxt: files['merges.txt']!,
      specialTokensMap: JSON.stringify({ pad_token: '!' }),
    });
    const [chunk] = weightedTokens(sd2, 'a red').chunks;
    expect(head(chunk!.ids, 6)).toEqual([BOS, A, RED, EOS, 0, 0]);
  });

  it('gives an empty prompt one chunk of bos, eos, padding', () => {
    const { chunks, tokenCount } = weightedTokens(toy, '');
    expect(chunks).toHaveLength(1);
    expect(tokenCount).toBe(0);
    expect(head(chunks[0]!.ids, 3)).toEqual([BOS, EOS, EOS]);
  });

  it('continues past 75 tokens in a new chunk, cutting nothing', () => {
    const { chunks, tokenCount } = weightedTokens(toy, repeat('a', 75) + '(red) blue');
    expect(tokenCount).toBe(77);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]!.length).toBe(77);
    expect([chunks[0]!.ids[75], chunks[0]!.ids[76]]).toEqual([A, EOS]);
    expect(head(chunks[1]!.ids, 5)).toEqual([BOS, RED, BLUE, EOS, EOS]);
    expect(head(chunks[1]!.weights, 4)).toEqual([1, 1.1, 1, 1]);
  });

  it('moves the words after a comma in the last 20 tokens to the next chunk', () => {
    // 70 × a, a comma, 10 × red: the chunk fills at the 4th red, 5 tokens after the comma.
    const prompt = `${repeat('a', 70)}, ${repeat('red', 10)}`;
    const { chunks, tokenCount } = weightedTokens(toy, prompt);
    expect(tokenCount).toBe(85);
    expect(chunks[0]!.length).toBe(73);
    expect(Array.from(chunks[0]!.ids.subarray(70, 74))).toEqual([A, COMMA, EOS, EOS]);
    expect(chunks[1]!.length).toBe(12);
    expect(head(chunks[1]!.ids, 12)).toEqual([BOS, ...new Array<number>(10).fill(RED), EOS]);
  });

  it('splits exactly at 75 tokens when the backtrack is off or the comma is too far back', () => {
    const prompt = `${repeat('a', 70)}, ${repeat('red', 10)}`;
    const off = weightedTokens(toy, prompt, { commaBacktrack: 0 });
    expect(off.tokenCount).toBe(81);
    expect(Array.from(off.chunks[0]!.ids.subarray(70, 77))).toEqual([
      A,
      COMMA,
      RED,
      RED,
      RED,
      RED,
      EOS,
    ]);
    const short = weightedTokens(toy, prompt, { commaBacktrack: 4 });
    expect(short.chunks[0]!.length).toBe(77);
  });

  it('starts a new chunk at BREAK', () => {
    const { chunks, tokenCount } = weightedTokens(toy, 'a red BREAK (blue)');
    expect(tokenCount).toBe(76);
    expect(chunks).toHaveLength(2);
    expect(head(chunks[0]!.ids, 4)).toEqual([BOS, A, RED, EOS]);
    expect(head(chunks[1]!.ids, 3)).toEqual([BOS, BLUE, EOS]);
    expect(head(chunks[1]!.weights, 3)).toEqual([1, 1.1, 1]);
  });
});
