/**
 * diffusion/text-encode: a prompt → CONDITIONING through the pipeline's own
 * CLIP tokenizer and text encoder.
 *
 * - Weighting `(word:1.3)`, `(word)`, `[word]` and BREAK as in A1111
 *   (engine/common/prompt/weights.ts), applied to each chunk's hidden states.
 * - Length: the prompt is cut into 77-token chunks (75 prompt tokens each,
 *   A1111's rule with its comma backtrack); each chunk is encoded on its own
 *   and the chunks are joined along the token axis, [1, 77·chunks, D]. When
 *   the pipeline's UNet takes a fixed number of tokens (an export with
 *   encoder_hidden_states [B, 77, D]), only the chunks that fit are kept and a
 *   warning says how many prompt tokens were cut.
 * - pooled: the first chunk's pooler_output, zeros when the encoder has none.
 * - The pad id is the pipeline's (special_tokens_map.json, then
 *   tokenizer_config.json): 49407 for SD 1.x, 0 for SD 2.x and Turbo.
 * - SDXL (a UNet that takes text_embeds): both tokenizer/encoder pairs, each
 *   one's penultimate hidden state side by side, text_encoder_2's
 *   text_embeds as pooled, zeros for an empty prompt (sdxlText.ts).
 *
 * The tokenizers and encoders themselves are run by promptEncoder.ts.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { ModelHandle } from '../../engine/common/models.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { CLIP_MAX_LENGTH } from '../../engine/common/prompt/clipTokenizer.ts';
import type { EmphasisMode } from '../../engine/common/prompt/weights.ts';
import { readParams } from '../core/params.ts';
import { pipelineInput } from './pipeline.ts';
import type { EncoderPair } from './promptEncoder.ts';
import { encodeChunks, joinChunks, pooledRow, preparePrompt } from './promptEncoder.ts';
import { XL_PAIRS, encodeXl, isSdxl } from './sdxlText.ts';
import { conditioningValue } from './values.ts';

const EMPHASIS = ['original', 'noNorm', 'comfy'] as const satisfies readonly EmphasisMode[];

const definition: NodeDefinition = {
  type: 'diffusion/text-encode',
  version: 1,
  title: 'Text encode',
  category: 'Diffusion',
  description:
    'Turns a prompt into conditioning with the pipeline’s tokenizer and text encoder. (word:1.3) weighs a word up, [word] down; BREAK starts a new 75-token chunk; longer prompts take more chunks.',
  inputs: [{ name: 'pipeline', type: 'DIFFUSION_PIPELINE', label: 'Pipeline' }],
  outputs: [{ name: 'conditioning', type: 'CONDITIONING' }],
  params: [
    {
      name: 'prompt',
      kind: 'string',
      label: 'Prompt',
      default: '',
      multiline: true,
      placeholder: 'a photo of a cat, (sunlight:1.2)',
    },
    {
      name: 'emphasis',
      kind: 'enum',
      label: 'Weighting',
      options: [...EMPHASIS],
      default: 'original',
      description:
        'original: A1111’s (scale, then restore the mean); noNorm: scale only; comfy: ComfyUI’s (scale the difference from an empty prompt).',
    },
  ],
};

/** The UNet's token limit in 77-token chunks: all, unless its encoder_hidden_states has a fixed length. */
function chunkLimit(pipeline: ModelHandle): number {
  const states = pipeline.summary.inputs.find((io) => io.name === 'encoder_hidden_states');
  const length = states?.shape[1];
  return typeof length === 'number' && length >= CLIP_MAX_LENGTH
    ? Math.floor(length / CLIP_MAX_LENGTH)
    : Infinity;
}

const SD_PAIRS: readonly EncoderPair[] = [
  { tokenizer: 'tokenizer', encoder: 'text_encoder', state: 'last' },
];

export const textEncodeNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const pipeline = pipelineInput(definition, inputs);
    const read = readParams(definition, params);
    const prompt = read.string('prompt');
    const emphasis = read.option<EmphasisMode>('emphasis');

    const xl = isSdxl(pipeline);
    const prepared = await preparePrompt(ctx, pipeline, xl ? XL_PAIRS : SD_PAIRS, prompt);
    const limit = chunkLimit(pipeline);
    const firstChunks = prepared.chunks[0] ?? [];
    const cut = firstChunks
      .slice(limit)
      .reduce((sum, chunk) => sum + Math.max(0, chunk.length - 2), 0);
    if (cut > 0) {
      ctx.log.warn(
        `The prompt is ${prepared.tokenCount} tokens, but the UNet of "${pipeline.summary.name}" takes ${limit * (CLIP_MAX_LENGTH - 2)} at a time: the last ${cut} tokens were cut. Shorten the prompt, or put what matters first.`,
      );
    }
    const kept = { ...prepared, chunks: prepared.chunks.map((chunks) => chunks.slice(0, limit)) };
    if (xl)
      return {
        conditioning: conditioningValue(await encodeXl(ctx, pipeline, prompt, kept, emphasis)),
      };

    const encoded = await encodeChunks(
      ctx,
      pipeline,
      SD_PAIRS[0]!,
      kept.tokenizers[0]!,
      kept.chunks[0]!,
      emphasis,
    );
    return {
      conditioning: {
        embeds: joinChunks(encoded.states, encoded.width),
        pooled: pooledRow(encoded.pooled, encoded.width),
      },
    };
  },
});
