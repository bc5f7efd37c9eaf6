import { describe, expect, it } from 'vitest';
import {
  bpeWord,
  byteSymbolsInVocabOrder,
  byteToSymbol,
  parseMerges,
  toByteSymbols,
} from './clipBpe.ts';

const ranks = (...merges: string[]) => new Map(merges.map((merge, rank) => [merge, rank]));

describe('byte table (bytes_to_unicode)', () => {
  it('keeps printable bytes and moves the rest to U+0100 onwards in byte order', () => {
    const table = byteToSymbol();
    expect(table[0x61]).toBe('a');
    expect(table[0xe9]).toBe('é');
    expect(table[0x00]).toBe('\u0100');
    expect(table[0x20]).toBe('\u0120'); // space: "Ġ"
    expect(table[0x7f]).toBe('\u0121');
    expect(table[0xa0]).toBe('\u0142');
    expect(table[0xad]).toBe('\u0143');
    expect(new Set(table).size).toBe(256);
  });

  it('lists symbols in vocab.json order: "!" is id 0, "a" 64, byte 0 is id 188', () => {
    const order = byteSymbolsInVocabOrder();
    expect(order[0]).toBe('!');
    expect(order[64]).toBe('a');
    expect(order[187]).toBe('ÿ');
    expect(order[188]).toBe('\u0100');
    expect(order[255]).toBe('\u0143');
  });

  it('writes a word as the symbols of its UTF-8 bytes', () => {
    expect(toByteSymbols('é')).toBe('Ã©'); // C3 A9
    expect(toByteSymbols('a b')).toBe('aĠb');
  });
});

describe('bpeWord', () => {
  it('marks the last symbol with </w> and returns single symbols unmerged', () => {
    expect(bpeWord('cat', ranks())).toEqual(['c', 'a', 't</w>']);
    expect(bpeWord('x', ranks('x y'))).toEqual(['x</w>']);
  });

  it('merges the lowest-ranked pair first', () => {
    expect(bpeWord('cat', ranks('a t</w>', 'c a', 'c at</w>'))).toEqual(['cat</w>']);
    expect(bpeWord('cat', ranks('c a', 'a t</w>', 'c at</w>'))).toEqual(['ca', 't</w>']);
  });

  it('merges every occurrence left to right without overlap', () => {
    expect(bpeWord('aaaa', ranks('a a'))).toEqual(['aa', 'a', 'a</w>']);
    expect(bpeWord('aaaaa', ranks('a a', 'aa aa'))).toEqual(['aaaa', 'a</w>']);
  });
});

describe('parseMerges', () => {
  it('skips the #version header and ranks lines in order, CRLF or not', () => {
    const parsed = parseMerges('#version: 0.2\r\ni n\r\nt h\r\nth e</w>\r\n');
    expect([...parsed]).toEqual([
      ['i n', 0],
      ['t h', 1],
      ['th e</w>', 2],
    ]);
  });

  it('uses only the first 48 894 merges, as CLIP slices merges[1:48895]', () => {
    const lines = Array.from({ length: 48_900 }, (_, index) => `m${index} x`);
    const parsed = parseMerges(['#version: 0.2', ...lines].join('\n'));
    expect(parsed.size).toBe(48_894);
    expect(parsed.get('m48893 x')).toBe(48_893);
    expect(parsed.has('m48894 x')).toBe(false);
  });
});
