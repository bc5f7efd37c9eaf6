/**
 * The fixture generator's view of CLIP's byte-level BPE: the engine's own
 * implementation (engine/common/prompt/clipBpe.ts), so the toy tokenizer files
 * are built and checked with the same code that will read them.
 */
import {
  bpeWord,
  byteSymbolsInVocabOrder,
  toByteSymbols,
} from '../../../engine/common/prompt/clipBpe.ts';

/** The 256 byte symbols in CLIP's vocabulary order (printable bytes first). */
export function vocabByteSymbols(): string[] {
  return byteSymbolsInVocabOrder();
}

/** Applies merges by rank to a plain-text word; returns its tokens (the last with `</w>`). */
export function bpe(word: string, ranks: ReadonlyMap<string, number>): string[] {
  return bpeWord(toByteSymbols(word), ranks);
}
