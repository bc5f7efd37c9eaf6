/**
 * The two pieces of OpenAI CLIP's byte-level BPE the fixture generator needs
 * to write valid tokenizer files: the byte → unicode table and the merge loop
 * of `CLIPTokenizer.bpe` (lowest-ranked pair first, the last symbol of a word
 * carrying `</w>`). Weft's real tokenizer lives in the engine; this copy only
 * builds and checks the toy vocabulary.
 */

/** CLIP's bytes_to_unicode(), in its order: printable bytes first, the rest mapped to 256 + n. */
export function byteSymbols(): { byte: number; symbol: string }[] {
  const printable: number[] = [];
  const ranges: [number, number][] = [
    [0x21, 0x7e],
    [0xa1, 0xac],
    [0xae, 0xff],
  ];
  for (const [first, last] of ranges) for (let b = first; b <= last; b++) printable.push(b);
  const table = printable.map((byte) => ({ byte, symbol: String.fromCodePoint(byte) }));
  let extra = 0;
  for (let byte = 0; byte < 256; byte++) {
    if (!printable.includes(byte))
      table.push({ byte, symbol: String.fromCodePoint(256 + extra++) });
  }
  return table;
}

/** A word's byte symbols, the last one with `</w>`. */
export function wordSymbols(word: string): string[] {
  const table = new Map(byteSymbols().map(({ byte, symbol }) => [byte, symbol]));
  const symbols = Array.from(new TextEncoder().encode(word), (byte) => table.get(byte)!);
  symbols[symbols.length - 1] += '</w>';
  return symbols;
}

/** Applies merges by rank ("a b" → rank) until no ranked pair is left; returns the word's tokens. */
export function bpe(word: string, ranks: ReadonlyMap<string, number>): string[] {
  let symbols = wordSymbols(word);
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const rank = ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    if (best < 0) return symbols;
    const [first, second] = [symbols[best]!, symbols[best + 1]!];
    // Merge every occurrence of the pair, left to right, as CLIP does.
    const merged: string[] = [];
    for (let i = 0; i < symbols.length; i++) {
      if (i + 1 < symbols.length && symbols[i] === first && symbols[i + 1] === second) {
        merged.push(first + second);
        i++;
      } else {
        merged.push(symbols[i]!);
      }
    }
    symbols = merged;
  }
}
