import { describe, expect, it } from 'vitest';
import { bpe, vocabByteSymbols } from './clipBpe.ts';
import { tokenizerFiles, wordTokenIds } from './tokenizerFiles.ts';

/** Reads the files the way CLIPTokenizer does: vocab.json as token → id, merges.txt ranks after the header line. */
function readFiles() {
  const files = tokenizerFiles();
  const vocab = new Map(Object.entries(JSON.parse(files['vocab.json']!) as Record<string, number>));
  const lines = files['merges.txt']!.trim().split('\n');
  const ranks = new Map(lines.slice(1).map((line, rank) => [line, rank]));
  return { files, vocab, lines, ranks };
}

describe('toy SD tokenizer files (CLIP format)', () => {
  it('puts the special tokens at CLIP’s ids and the byte symbols where CLIP has them', () => {
    const { vocab } = readFiles();
    expect(vocab.get('<|startoftext|>')).toBe(49406);
    expect(vocab.get('<|endoftext|>')).toBe(49407);
    expect(vocab.get('!')).toBe(0);
    expect(vocab.get('a')).toBe(64);
    expect(vocab.get('a</w>')).toBe(320); // CLIP's real id for "a"
    expect(vocab.get('Ā')).toBe(188); // byte 0, first of the remapped bytes
    expect(new Set(vocabByteSymbols()).size).toBe(256);
    expect(new Set(vocab.values()).size).toBe(vocab.size);
  });

  it('starts merges.txt with the version header and names only vocabulary tokens', () => {
    const { vocab, lines } = readFiles();
    expect(lines[0]).toBe('#version: 0.2');
    for (const line of lines.slice(1)) {
      const [first, second, extra] = line.split(' ');
      expect(extra).toBeUndefined();
      expect(vocab.has(first!) && vocab.has(second!) && vocab.has(first! + second!)).toBe(true);
    }
  });

  it('makes each dataset word one token under CLIP’s BPE, with the documented ids', () => {
    const { vocab, ranks } = readFiles();
    const expected = {
      a: 320,
      the: 513,
      red: 515,
      green: 518,
      blue: 521,
      circle: 526,
      square: 531,
      triangle: 538,
      photo: 542,
      of: 543,
      and: 545,
    };
    for (const [word, id] of Object.entries(expected)) {
      expect(bpe(word, ranks)).toEqual([`${word}</w>`]);
      expect(vocab.get(`${word}</w>`)).toBe(id);
    }
    expect(wordTokenIds()).toEqual(expected);
  });

  it('still tokenizes other words, into smaller vocabulary pieces', () => {
    const { vocab, ranks } = readFiles();
    expect(bpe('greenery', ranks)).toEqual(['gree', 'n', 'e', 'r', 'y</w>']);
    expect(bpe('thread', ranks)).toEqual(['th', 're', 'a', 'd</w>']);
    for (const token of bpe('zebra', ranks)) expect(vocab.has(token)).toBe(true);
  });

  it('configures CLIPTokenizer like SD 1.x: lower case, 77 tokens, <|endoftext|> as pad', () => {
    const { files } = readFiles();
    const config = JSON.parse(files['tokenizer_config.json']!) as Record<string, unknown>;
    expect(config).toMatchObject({
      tokenizer_class: 'CLIPTokenizer',
      model_max_length: 77,
      do_lower_case: true,
      pad_token: '<|endoftext|>',
    });
    const special = JSON.parse(files['special_tokens_map.json']!) as Record<string, unknown>;
    expect(special).toMatchObject({
      bos_token: { content: '<|startoftext|>' },
      eos_token: { content: '<|endoftext|>' },
      pad_token: '<|endoftext|>',
    });
  });
});
