/**
 * The text half of CLIP's tokenizer: cleaning and the pre-token split.
 *
 * Cleaning follows openai/CLIP's `whitespace_clean(basic_clean(text)).lower()`
 * without ftfy (optional in HF too): NFC normalisation (the one ftfy step that
 * changes ordinary prompts, and HF's fallback does it as well), html-unescape
 * twice, collapse whitespace runs to one space, strip, lowercase.
 *
 * Whitespace is Unicode's White_Space property, the `regex` module's `\s`;
 * JavaScript's own `\s` would also count U+FEFF and miss U+0085.
 */
import { htmlUnescape } from './htmlUnescape.ts';

const WHITESPACE_RUN = /\p{White_Space}+/gu;

/**
 * CLIP's split pattern, case-insensitive. Alternatives are tried in order at
 * each position, so `'s` wins over punctuation and the special tokens over `<`.
 */
const PRE_TOKEN =
  /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\p{White_Space}\p{L}\p{N}]+/giu;

/** The prompt as CLIP sees it before splitting. */
export function cleanText(text: string): string {
  const unescaped = htmlUnescape(htmlUnescape(text.normalize('NFC')));
  // After the collapse, stripping is dropping one edge space (String.trim would also drop U+FEFF).
  return unescaped.replace(WHITESPACE_RUN, ' ').replace(/^ | $/g, '').toLowerCase();
}

/** Cleaned text → pre-tokens (words, single digits, punctuation runs, special tokens). */
export function preTokens(cleaned: string): string[] {
  return cleaned.match(PRE_TOKEN) ?? [];
}
