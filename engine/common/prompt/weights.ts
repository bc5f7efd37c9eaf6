/**
 * Prompt weighting, as users know it from AUTOMATIC1111 and ComfyUI:
 *
 * 1. parsePromptWeights: `(word:1.3)`, `(word)` ×1.1, `[word]` ÷1.1,
 *    nesting, `\(` escapes, BREAK → weighted segments (weightSyntax.ts).
 * 2. weightedTokens: segments → 77-token chunks with a weight per token;
 *    prompts past 75 tokens take more chunks, by A1111's rule with its comma
 *    backtrack (chunks.ts).
 * 3. applyWeights: a chunk's encoder output scaled by the weights, with
 *    A1111's mean-restoring rule by default (emphasis.ts).
 *
 * Not supported: textual-inversion embeddings and A1111's prompt editing
 * `[from:to:when]` / alternation `[a|b]` (their brackets read as ÷1.1 text).
 */
export type { PromptBreak, PromptSegment, WeightedText } from './weightSyntax.ts';
export { isBreak, parsePromptWeights } from './weightSyntax.ts';
export type { ChunkOptions, WeightedChunk, WeightedPrompt } from './chunks.ts';
export { DEFAULT_COMMA_BACKTRACK, weightedTokens } from './chunks.ts';
export type { EmphasisMode, EmphasisOptions } from './emphasis.ts';
export { applyWeights } from './emphasis.ts';
