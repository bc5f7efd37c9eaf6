/**
 * Weighted prompts of any length as 77-token chunks, by AUTOMATIC1111's rule
 * (modules/sd_hijack_clip.py, tokenize_line):
 *
 * - Each weighted segment is tokenized on its own; every token carries its
 *   segment's weight, and bos, eos and padding weigh 1.
 * - Tokens fill chunks of 75; each chunk is framed as bos + tokens + eos and
 *   padded to 77 with the pipeline's pad id. Nothing is ever cut: a longer
 *   prompt just has more chunks, which the text encoder encodes one by one
 *   and the caller concatenates along the token axis (77·n × D).
 * - Comma backtrack (A1111's "comma_padding_backtrack", default 20): when a
 *   chunk is full and the next token is not a comma, but a comma sits among
 *   the chunk's last `commaBacktrack` tokens, the tokens after that comma move
 *   to the next chunk, so phrases are not split. 0 turns it off.
 * - BREAK ends the current chunk (padding it), even an empty one.
 *
 * ComfyUI instead fills chunks word by word, moving a whole word of fewer
 * than 8 tokens to the next chunk rather than splitting it; Weft follows
 * A1111, whose rule is the one documented for users.
 */
import type { ClipTokenizer } from './clipTokenizer.ts';
import type { PromptSegment } from './weightSyntax.ts';
import { isBreak, parsePromptWeights } from './weightSyntax.ts';

export interface WeightedChunk {
  /** 77 input ids: bos, up to 75 prompt tokens, eos, padding. */
  ids: Int32Array;
  /** One weight per id. */
  weights: Float64Array;
  /** Ids before the padding, bos and eos included; eos sits at length − 1. */
  length: number;
}

export interface WeightedPrompt {
  chunks: WeightedChunk[];
  /**
   * A1111's token count: 75 per chunk before the last, plus the last chunk's
   * tokens; what a "N/75" counter shows.
   */
  tokenCount: number;
}

export interface ChunkOptions {
  /** How far back (in tokens) a full chunk looks for a comma to break at; 0 = never. */
  commaBacktrack?: number;
}

/** A1111's default comma_padding_backtrack. */
export const DEFAULT_COMMA_BACKTRACK = 20;

/** Tokenizes a weighted prompt into chunks; see the module comment for the rule. */
export function weightedTokens(
  tokenizer: ClipTokenizer,
  prompt: string | readonly PromptSegment[],
  options: ChunkOptions = {},
): WeightedPrompt {
  const segments = typeof prompt === 'string' ? parsePromptWeights(prompt) : prompt;
  const backtrack = options.commaBacktrack ?? DEFAULT_COMMA_BACKTRACK;
  const size = tokenizer.maxLength - 2;
  const comma = tokenizer.tokenId(',</w>');
  const chunks: WeightedChunk[] = [];
  let tokenCount = 0;
  let tokens: number[] = [];
  let weights: number[] = [];
  let lastComma = -1;

  const nextChunk = (isLast: boolean) => {
    tokenCount += isLast ? tokens.length : size;
    const { ids, length } = tokenizer.frame(tokens);
    const chunkWeights = new Float64Array(tokenizer.maxLength).fill(1);
    chunkWeights.set(weights, 1);
    chunks.push({ ids, weights: chunkWeights, length });
    tokens = [];
    weights = [];
    lastComma = -1;
  };

  for (const segment of segments) {
    if (isBreak(segment)) {
      nextChunk(false);
      continue;
    }
    for (const id of tokenizer.encodeWords(segment.text)) {
      if (id === comma) {
        lastComma = tokens.length;
      } else if (
        backtrack !== 0 &&
        tokens.length === size &&
        lastComma !== -1 &&
        tokens.length - lastComma <= backtrack
      ) {
        const movedTokens = tokens.splice(lastComma + 1);
        const movedWeights = weights.splice(lastComma + 1);
        nextChunk(false);
        tokens = movedTokens;
        weights = movedWeights;
      }
      if (tokens.length === size) nextChunk(false);
      tokens.push(id);
      weights.push(segment.weight);
    }
  }
  if (tokens.length > 0 || chunks.length === 0) nextChunk(true);
  return { chunks, tokenCount };
}
