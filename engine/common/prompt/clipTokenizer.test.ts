import { describe, expect, it } from 'vitest';
import { tokenizerFiles } from '../../../resources/fixture-models/toySd/tokenizerFiles.ts';
import { byteSymbolsInVocabOrder } from './clipBpe.ts';
import type { ClipTokenizerFiles } from './clipTokenizer.ts';
import { ClipTokenizer } from './clipTokenizer.ts';

function toyFiles(): ClipTokenizerFiles {
  const files = tokenizerFiles();
  return {
    vocabJson: files['vocab.json']!,
    mergesTxt: files['merges.txt']!,
    specialTokensMap: files['special_tokens_map.json']!,
    tokenizerConfig: files['tokenizer_config.json']!,
  };
}

const toy = ClipTokenizer.fromFiles(toyFiles());
const BOS = 49406;
const EOS = 49407;

/** The ids up to and including eos. */
const unpadded = (text: string, tokenizer = toy) => {
  const { ids, length } = tokenizer.encode(text);
  return [...ids.subarray(0, length)];
};

describe('ClipTokenizer on the toy pipeline', () => {
  it('encodes the dataset words to their documented ids, wrapped in bos … eos', () => {
    expect(unpadded('a red circle')).toEqual([BOS, 320, 515, 526, EOS]);
    expect(unpadded('A photo of the green triangle and blue square')).toEqual([
      BOS,
      320,
      542,
      543,
      513,
      518,
      538,
      545,
      521,
      531,
      EOS,
    ]);
    expect(toy.tokenize('a red circle')).toEqual(['a</w>', 'red</w>', 'circle</w>']);
  });

  it('pads to 77 with <|endoftext|> (SD 1.x) and reports the unpadded length', () => {
    const { ids, length, truncated } = toy.encode('a red circle');
    expect(ids).toBeInstanceOf(Int32Array);
    expect(ids.length).toBe(77);
    expect(length).toBe(5);
    expect(truncated).toBe(0);
    expect([...ids.subarray(5)]).toEqual(new Array(72).fill(EOS));
    expect(unpadded('')).toEqual([BOS, EOS]);
  });

  it('splits punctuation, single digits and contractions into byte tokens', () => {
    expect(toy.encodeWords('a, red!')).toEqual([320, 267, 515, 256]); // ",</w>" 267, "!</w>" 256
    expect(toy.encodeWords('123')).toEqual([272, 273, 274]);
    expect(toy.encodeWords("a red's")).toEqual([320, 515, 6, 338]); // "'" 6, "s</w>" 338
  });

  it('unescapes html entities and collapses whitespace first', () => {
    expect(toy.encodeWords('red &amp;amp; blue')).toEqual([515, 261, 521]); // "&</w>" 261
    expect(toy.encodeWords('  A\n\n RED\tcircle  ')).toEqual([320, 515, 526]);
  });

  it('encodes non-ASCII letters as their UTF-8 byte symbols', () => {
    // café → c a f Ã ©</w> (é is C3 A9); "Cafe" + combining acute is the same after NFC.
    expect(toy.tokenize('café')).toEqual(['c', 'a', 'f', 'Ã', '©</w>']);
    expect(toy.encodeWords('café')).toEqual([66, 64, 69, 127, 358]);
    expect(toy.encodeWords('Cafe\u0301')).toEqual([66, 64, 69, 127, 358]);
  });

  it('cuts an over-long prompt to 75 tokens, keeps eos last and counts what was cut', () => {
    const { ids, length, truncated } = toy.encode('a '.repeat(80));
    expect(length).toBe(77);
    expect(truncated).toBe(5);
    expect(ids[0]).toBe(BOS);
    expect(ids[75]).toBe(320);
    expect(ids[76]).toBe(EOS);
    const exact = toy.encode('a '.repeat(75));
    expect([exact.length, exact.truncated, exact.ids[76]]).toEqual([77, 0, EOS]);
  });

  it('turns typed special tokens into their ids', () => {
    expect(toy.encodeWords('red<|endoftext|>')).toEqual([515, EOS]);
  });
});

describe('ClipTokenizer pad id per pipeline', () => {
  it('pads with 0 when the pad token is "!" (SD 2.x, Turbo, SDXL tokenizer_2)', () => {
    const special = JSON.stringify({ pad_token: '!' });
    const sd2 = ClipTokenizer.fromFiles({ ...toyFiles(), specialTokensMap: special });
    expect(sd2.padId).toBe(0);
    const { ids, length } = sd2.encode('a red circle!');
    expect([...ids.subarray(0, length)]).toEqual([BOS, 320, 515, 526, 256, EOS]);
    expect([...ids.subarray(length)]).toEqual(new Array(71).fill(0));
  });

  it('reads an AddedToken pad from tokenizer_config.json; special_tokens_map.json wins', () => {
    const config = JSON.stringify({ pad_token: { __type: 'AddedToken', content: '!' } });
    const fromConfig = ClipTokenizer.fromFiles({
      vocabJson: toyFiles().vocabJson,
      mergesTxt: toyFiles().mergesTxt,
      tokenizerConfig: config,
    });
    expect(fromConfig.padId).toBe(0);
    const both = ClipTokenizer.fromFiles({
      ...toyFiles(),
      tokenizerConfig: config,
      specialTokensMap: JSON.stringify({ pad_token: '<|endoftext|>' }),
    });
    expect(both.padId).toBe(EOS);
  });

  it('defaults to CLIP’s tokens when no special-token file is given', () => {
    const bare = ClipTokenizer.fromFiles({
      vocabJson: toyFiles().vocabJson,
      mergesTxt: toyFiles().mergesTxt,
    });
    expect([bare.startId, bare.endId, bare.padId, bare.unknownId]).toEqual([BOS, EOS, EOS, EOS]);
  });
});

/**
 * A sliver of the real CLIP ViT-L/14 tokenizer: the 512 byte tokens, the
 * merges these words need (real merges.txt lines in their real order, among
 * them "c a", which must lose to "a t</w>"), and the words' real ids.
 */
function realSliver(): ClipTokenizerFiles {
  const symbols = byteSymbolsInVocabOrder();
  const vocab: Record<string, number> = {};
  symbols.forEach((symbol, index) => {
    vocab[symbol] = index;
    vocab[`${symbol}</w>`] = 256 + index;
  });
  Object.assign(vocab, {
    'it</w>': 585,
    "'s</w>": 568,
    'of</w>': 539,
    'photo</w>': 1125,
    'cat</w>': 2368,
    'cats</w>': 3989,
    '<|startoftext|>': BOS,
    '<|endoftext|>': EOS,
  });
  const merges = [
    'i n',
    'a t',
    'i t',
    't o</w>',
    'a t</w>',
    'o f</w>',
    "' s</w>",
    'i t</w>',
    't s</w>',
    'h o',
    'p h',
    'c a',
    'p ho',
    'at s</w>',
    'pho to</w>',
    'pho to',
    'c at',
    'c at</w>',
    'c ats</w>',
  ];
  return { vocabJson: JSON.stringify(vocab), mergesTxt: ['#version: 0.2', ...merges].join('\n') };
}

describe('ClipTokenizer against real CLIP ids', () => {
  const real = ClipTokenizer.fromFiles(realSliver());

  it('encodes "a photo of a cat" as the widely quoted 49406 320 1125 539 320 2368 49407', () => {
    expect(unpadded('a photo of a cat', real)).toEqual([BOS, 320, 1125, 539, 320, 2368, EOS]);
  });

  it('reproduces real ids through case, contractions, digits and punctuation', () => {
    expect(unpadded("It's a Photo of 2 cats, a cat's photo!", real)).toEqual([
      BOS,
      585,
      568,
      320,
      1125,
      539,
      273,
      3989,
      267,
      320,
      2368,
      568,
      1125,
      256,
      EOS,
    ]);
  });

  it('maps a BPE token missing from vocab.json to the unknown id, as HF does', () => {
    expect(real.tokenize('café')).toEqual(['ca', 'f', 'Ã', '©</w>']);
    expect(real.encodeWords('café')).toEqual([EOS, 69, 127, 358]);
  });
});

describe('ClipTokenizer bad files', () => {
  it('names the file that is not JSON', () => {
    expect(() => ClipTokenizer.fromFiles({ vocabJson: '{', mergesTxt: '' })).toThrow(
      /tokenizer's vocab\.json is not valid JSON/,
    );
    expect(() => ClipTokenizer.fromFiles({ ...toyFiles(), specialTokensMap: 'nope' })).toThrow(
      /special_tokens_map\.json is not valid JSON/,
    );
  });

  it('refuses a vocabulary without CLIP’s special tokens', () => {
    expect(() => ClipTokenizer.fromFiles({ vocabJson: '{"a</w>": 0}', mergesTxt: '' })).toThrow(
      'The tokenizer\'s start token "<|startoftext|>" is not in vocab.json',
    );
  });

  it('refuses ids that are not whole numbers', () => {
    expect(() => ClipTokenizer.fromFiles({ vocabJson: '{"a": "x"}', mergesTxt: '' })).toThrow(
      'vocab.json gives token "a" the id "x"',
    );
  });
});
