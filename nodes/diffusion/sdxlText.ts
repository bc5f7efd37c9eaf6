/**
 * SDXL's prompt encoding, as diffusers' StableDiffusionXLPipeline.encode_prompt
 * does it (without clip_skip), with Weft's weighting and chunking on top:
 *
 * - the prompt goes through both pairs, tokenizer/ + text_encoder/ (CLIP
 *   ViT-L, pads with <|endoftext|>) and tokenizer_2/ + text_encoder_2/
 *   (OpenCLIP bigG, pads with "!"), each on its own tokenizer;
 * - each encoder's penultimate hidden state, hidden_states[-2], is weighted
 *   per chunk with the prompt's weights (as A1111 does per encoder for SDXL)
 *   and the two are joined along the last axis, text_encoder's first:
 *   [1, 77·chunks, D1 + D2] (768 + 1280 = 2048 for real SDXL);
 * - pooled = text_encoder_2's text_embeds for the first chunk, [1, D2];
 * - an empty prompt gives zeros for both when model_index.json says
 *   force_zeros_for_empty_prompt (SDXL base's default, and assumed when the
 *   file does not say): what diffusers feeds as the negative when none is
 *   given. An empty prompt is how a Weft graph says "no negative".
 *
 * Widths are read from the encoders' outputs, never assumed.
 */
import type { ModelHandle } from '../../engine/common/models.ts';
import type { NodeContext } from '../../engine/common/nodeApi.ts';
import { CLIP_MAX_LENGTH } from '../../engine/common/prompt/clipTokenizer.ts';
import type { EmphasisMode } from '../../engine/common/prompt/weights.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { parsePipelineJson, readPipelineText } from './pipeline.ts';
import type { EncoderPair, PreparedPrompt } from './promptEncoder.ts';
import { encodeChunks, joinChunks, pooledRow } from './promptEncoder.ts';
import type { Conditioning } from './values.ts';

export const XL_PAIRS: readonly EncoderPair[] = [
  { tokenizer: 'tokenizer', encoder: 'text_encoder', state: 'penultimate' },
  { tokenizer: 'tokenizer_2', encoder: 'text_encoder_2', state: 'penultimate' },
];

/** Whether the pipeline is SDXL-style: its UNet takes the pooled prompt (text_embeds). */
export function isSdxl(pipeline: ModelHandle): boolean {
  return pipeline.summary.inputs.some((io) => io.name === 'text_embeds');
}

async function forceZerosForEmptyPrompt(ctx: NodeContext, pipeline: ModelHandle): Promise<boolean> {
  const file = 'model_index.json';
  const text = await readPipelineText(ctx, pipeline, file, 'the pipeline description', {
    optional: true,
  });
  if (text === undefined) return true;
  const index = parsePipelineJson(pipeline, file, text);
  const value =
    typeof index === 'object' && index !== null
      ? (index as Record<string, unknown>).force_zeros_for_empty_prompt
      : undefined;
  return value !== false;
}

/** Encodes a prepared (chunked, cut) prompt the SDXL way; `prepared.pairs` are XL_PAIRS. */
export async function encodeXl(
  ctx: NodeContext,
  pipeline: ModelHandle,
  prompt: string,
  prepared: PreparedPrompt,
  emphasis: EmphasisMode,
): Promise<Conditioning> {
  const encoded = [];
  for (const [index, pair] of prepared.pairs.entries()) {
    encoded.push(
      await encodeChunks(
        ctx,
        pipeline,
        pair,
        prepared.tokenizers[index]!,
        prepared.chunks[index]!,
        emphasis,
      ),
    );
  }
  const [first, second] = encoded as [(typeof encoded)[number], (typeof encoded)[number]];
  const joined = first.states.map((states, chunk) =>
    sideBySide(states, first.width, second.states[chunk]!, second.width),
  );
  const embeds = joinChunks(joined, first.width + second.width);
  const pooled = pooledRow(second.pooled, second.width);
  if (prompt.trim() === '' && (await forceZerosForEmptyPrompt(ctx, pipeline))) {
    return {
      embeds: Tensor.zeros('float32', embeds.dims),
      pooled: Tensor.zeros('float32', pooled.dims),
    };
  }
  return { embeds, pooled };
}

/** Two [77 × a] and [77 × b] chunks as one [77 × (a + b)], row by row. */
function sideBySide(
  left: Float32Array,
  leftWidth: number,
  right: Float32Array,
  rightWidth: number,
): Float32Array {
  const width = leftWidth + rightWidth;
  const joined = new Float32Array(CLIP_MAX_LENGTH * width);
  for (let token = 0; token < CLIP_MAX_LENGTH; token++) {
    joined.set(left.subarray(token * leftWidth, (token + 1) * leftWidth), token * width);
    joined.set(
      right.subarray(token * rightWidth, (token + 1) * rightWidth),
      token * width + leftWidth,
    );
  }
  return joined;
}
