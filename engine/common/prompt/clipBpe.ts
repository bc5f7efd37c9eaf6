/**
 * The byte-level half of CLIP's tokenizer (openai/CLIP simple_tokenizer.py,
 * HF CLIPTokenizer): the byte → unicode table and the merge loop.
 *
 * A word is the UTF-8 bytes of one pre-token, each written as its table
 * symbol, the last symbol carrying `</w>`. The loop repeatedly picks the
 * adjacent pair with the lowest merge rank and merges every occurrence of it,
 * scanning left to right without overlaps, until no adjacent pair has a rank.
 */

const END_OF_WORD = '</w>';

/**
 * bytes_to_unicode(): printable bytes (`!`–`~`, `¡`–`¬`, `®`–`ÿ`) map to
 * themselves, every other byte b to U+0100 + n in byte order. Indexed by byte.
 */
export function byteToSymbol(): readonly string[] {
  const table: string[] = [];
  let extra = 0;
  for (let byte = 0; byte < 256; byte++) {
    const printable =
      (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || byte >= 0xae;
    table.push(String.fromCodePoint(printable ? byte : 256 + extra++));
  }
  return table;
}

/**
 * The table's symbols in CLIP's vocabulary order (printable bytes first, then
 * the remapped ones): the first 256 ids of vocab.json are these, the next 256
 * the same with `</w>`.
 */
export function byteSymbolsInVocabOrder(): string[] {
  const table = byteToSymbol();
  const order = [...table.keys()].sort(
    (a, b) => table[a]!.codePointAt(0)! - table[b]!.codePointAt(0)!,
  );
  return order.map((byte) => table[byte]!);
}

const BYTE_SYMBOLS = byteToSymbol();
const ENCODER = new TextEncoder();

/** A pre-token as byte symbols joined into one string (CLIP's `byte_encoder` step). */
export function toByteSymbols(text: string): string {
  let symbols = '';
  for (const byte of ENCODER.encode(text)) symbols += BYTE_SYMBOLS[byte]!;
  return symbols;
}

/** Merge ranks keyed `first + ' ' + second` (symbols never contain a space). */
export type MergeRanks = ReadonlyMap<string, number>;

/** BPE of one word already written in byte symbols; returns its tokens. */
export function bpeWord(word: string, ranks: MergeRanks): string[] {
  const characters = Array.from(word);
  if (characters.length === 0) return [];
  let symbols = characters.slice(0, -1);
  symbols.push(characters[characters.length - 1]! + END_OF_WORD);

  while (symbols.length > 1) {
    let bestRank = Infinity;
    let first = '';
    let second = '';
    for (let i = 0; i + 1 < symbols.length; i++) {
      const rank = ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        first = symbols[i]!;
        second = symbols[i + 1]!;
      }
    }
    if (bestRank === Infinity) break;
    const merged: string[] = [];
    for (let i = 0; i < symbols.length; i++) {
      if (symbols[i] === first && symbols[i + 1] === second) {
        merged.push(first + second);
        i++;
      } else {
        merged.push(symbols[i]!);
      }
    }
    symbols = merged;
  }
  return symbols;
}

/**
 * Reads merges.txt: the first line is the `#version` header, and only the
 * first 48 894 merges count (49152 − 256 − 2 of them, as CLIP and HF slice
 * `[1 : 49152 − 256 − 2 + 1]`), so a longer file tokenizes as the reference.
 */
export function parseMerges(text: string): Map<string, number> {
  const lines = text
    .trim()
    .split('\n')
    .slice(1, 49152 - 256 - 2 + 1);
  const ranks = new Map<string, number>();
  lines.forEach((line, rank) => {
    const parts = line.trim().split(/\s+/);
    // A repeated merge keeps its later rank, as Python's dict(zip(...)) does.
    if (parts.length === 2) ranks.set(`${parts[0]} ${parts[1]}`, rank);
  });
  return ranks;
}
