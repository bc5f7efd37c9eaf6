/**
 * Applying token weights to a chunk's text-encoder output z [77 × D]
 * (row t = token t, weight w_t). The three rules users know:
 *
 * - 'original' (A1111's default, "Original", modules/sd_emphasis.py):
 *   z'_t = z_t · w_t, then z'' = z' · (mean(z) / mean(z')), the means taken
 *   over all 77·D values, so the chunk's mean is unchanged. Skipped rescale
 *   when mean(z') is 0 (A1111 would divide by zero).
 * - 'noNorm' (A1111's "No norm", often better for SDXL): z'_t = z_t · w_t.
 * - 'comfy' (ComfyUI's default): z'_t = (z_t − e_t) · w_t + e_t for tokens
 *   with w_t ≠ 1, where e is the empty prompt's output for the same model
 *   (encode ""), so a weight scales the token's difference from "nothing".
 *
 * Arithmetic is float64, rounded once to float32 at the end.
 */

export type EmphasisMode = 'original' | 'noNorm' | 'comfy';

export interface EmphasisOptions {
  /** The empty prompt's hidden states [77 × D]; required by 'comfy'. */
  empty?: Float32Array;
}

/** Returns the weighted copy of `hidden`; `weights` has one entry per token row. */
export function applyWeights(
  hidden: Float32Array,
  weights: ArrayLike<number>,
  mode: EmphasisMode = 'original',
  options: EmphasisOptions = {},
): Float32Array {
  const tokens = weights.length;
  const width = tokens === 0 ? 0 : hidden.length / tokens;
  if (!Number.isInteger(width) || width === 0) {
    throw new Error(
      `Prompt weights: ${tokens} token weights do not fit ${hidden.length} hidden values ` +
        `(expected tokens × width). The text encoder's output does not match the tokenizer.`,
    );
  }
  const empty = options.empty;
  if (mode === 'comfy' && empty?.length !== hidden.length) {
    throw new Error(
      "Prompt weights: ComfyUI-style weighting needs the empty prompt's hidden states, of the same shape.",
    );
  }

  const weighted = new Float64Array(hidden.length);
  for (let token = 0; token < tokens; token++) {
    const weight = weights[token]!;
    for (let index = token * width; index < (token + 1) * width; index++) {
      const value = hidden[index]!;
      if (mode !== 'comfy') weighted[index] = value * weight;
      else if (weight === 1) weighted[index] = value;
      else weighted[index] = (value - empty![index]!) * weight + empty![index]!;
    }
  }

  if (mode === 'original') {
    const before = mean(hidden);
    const after = mean(weighted);
    if (after !== 0 && Number.isFinite(before / after)) {
      const scale = before / after;
      for (let index = 0; index < weighted.length; index++) weighted[index]! *= scale;
    }
  }
  return Float32Array.from(weighted);
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index]!;
  return sum / values.length;
}
