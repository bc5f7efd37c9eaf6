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
 * - pooled: the first chunk's pooler_output (what SDXL-style models read),
 *   zeros when the encoder has none.
 * - The pad id is the pipeline's (special_tokens_map.json, then
 *   tokenizer_config.json): 49407 for SD 1.x, 0 for SD 2.x and Turbo.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { ModelHandle, RunnableModel } from '../../engine/common/models.ts';
import type { NodeContext } from '../../engine/common/nodeApi.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import { ClipTokenizer, CLIP_MAX_LENGTH } from '../../engine/common/prompt/clipTokenizer.ts';
import type { EmphasisMode, WeightedChunk } from '../../engine/common/prompt/weights.ts';
import { applyWeights, weightedTokens } from '../../engine/common/prompt/weights.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { readParams } from '../core/params.ts';
import { componentConfig, openComponent, pipelineInput, readPipelineText } from './pipeline.ts';

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

async function loadTokenizer(ctx: NodeContext, pipeline: ModelHandle): Promise<ClipTokenizer> {
  const read = (file: string, what: string) =>
    readPipelineText(ctx, pipeline, `tokenizer/${file}`, what);
  const optional = (file: string) =>
    readPipelineText(ctx, pipeline, `tokenizer/${file}`, 'tokenizer settings', {
      optional: true,
    });
  const vocabJson = await read('vocab.json', 'the tokenizer vocabulary');
  const mergesTxt = await read('merges.txt', 'the tokenizer merges');
  const specialTokensMap = await optional('special_tokens_map.json');
  const tokenizerConfig = await optional('tokenizer_config.json');
  try {
    return ClipTokenizer.fromFiles({
      vocabJson,
      mergesTxt,
      ...(specialTokensMap !== undefined ? { specialTokensMap } : {}),
      ...(tokenizerConfig !== undefined ? { tokenizerConfig } : {}),
    });
  } catch (error) {
    throw new NodeError(
      'TOKENIZER_INVALID',
      `The pipeline "${pipeline.summary.name}" has a tokenizer that cannot be used: ${(error as Error).message}`,
    );
  }
}

/** Token ids the text encoder cannot embed mean the tokenizer belongs to another model. */
function checkVocabulary(
  pipeline: ModelHandle,
  chunks: readonly WeightedChunk[],
  vocabSize: unknown,
): void {
  if (typeof vocabSize !== 'number') return;
  const largest = Math.max(...chunks.map((chunk) => Math.max(...chunk.ids)));
  if (largest >= vocabSize) {
    throw new NodeError(
      'TOKENIZER_MISMATCH',
      `The pipeline "${pipeline.summary.name}" has a tokenizer that gives token id ${largest}, but its text encoder knows only ${vocabSize} tokens: the tokenizer folder belongs to another model. Copy the tokenizer/ folder from the same export as text_encoder/.`,
    );
  }
}

/** How many 77-token chunks the UNet accepts: all, unless its encoder_hidden_states has a fixed length. */
function chunkLimit(pipeline: ModelHandle): number {
  const states = pipeline.summary.inputs.find((io) => io.name === 'encoder_hidden_states');
  const length = states?.shape[1];
  return typeof length === 'number' && length >= CLIP_MAX_LENGTH
    ? Math.floor(length / CLIP_MAX_LENGTH)
    : Infinity;
}

async function encodeChunk(
  ctx: NodeContext,
  encoder: RunnableModel,
  ids: Int32Array,
): Promise<{ hidden: Tensor<'float32'>; pooled: Tensor<'float32'> | undefined }> {
  const outputs = await encoder.run(
    { input_ids: new Tensor('int32', [1, ids.length], ids) },
    { signal: ctx.signal },
  );
  const hidden = outputs.last_hidden_state;
  if (hidden?.dtype !== 'float32' || hidden.dims.length !== 3 || hidden.dims[1] !== ids.length) {
    throw new NodeError(
      'TEXT_ENCODER_UNSUPPORTED',
      `The text encoder ${encoder.path} gives no last_hidden_state of [1, ${ids.length}, width]; it is not a CLIP text encoder export Weft can use.`,
    );
  }
  const pooled = outputs.pooler_output ?? outputs.text_embeds;
  return {
    hidden: hidden as Tensor<'float32'>,
    pooled: pooled?.dtype === 'float32' ? (pooled as Tensor<'float32'>) : undefined,
  };
}

/** The first row of the pooled output as [1, P]; zeros [1, width] when the encoder has none. */
function pooledRow(pooled: Tensor<'float32'> | undefined, width: number): Tensor<'float32'> {
  if (!pooled || pooled.dims.length === 0) return Tensor.zeros('float32', [1, width]);
  const size = pooled.dims[pooled.dims.length - 1]!;
  return new Tensor('float32', [1, size], pooled.data.slice(0, size));
}

export const textEncodeNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const pipeline = pipelineInput(definition, inputs);
    const read = readParams(definition, params);
    const prompt = read.string('prompt');
    const emphasis = read.option<EmphasisMode>('emphasis');

    const tokenizer = await loadTokenizer(ctx, pipeline);
    const weighted = weightedTokens(tokenizer, prompt);
    checkVocabulary(
      pipeline,
      weighted.chunks,
      (await componentConfig(ctx, pipeline, 'text_encoder')).vocab_size,
    );
    const limit = chunkLimit(pipeline);
    const chunks = weighted.chunks.slice(0, limit);
    const cut = weighted.chunks
      .slice(limit)
      .reduce((sum, chunk) => sum + Math.max(0, chunk.length - 2), 0);
    if (cut > 0) {
      ctx.log.warn(
        `The prompt is ${weighted.tokenCount} tokens, but the UNet of "${pipeline.summary.name}" takes ${limit * (CLIP_MAX_LENGTH - 2)} at a time: the last ${cut} tokens were cut. Shorten the prompt, or put what matters first.`,
      );
    }

    const encoder = await openComponent(ctx, pipeline, 'text_encoder');
    const needsEmpty =
      emphasis === 'comfy' && chunks.some((chunk) => chunk.weights.some((weight) => weight !== 1));
    const empty = needsEmpty
      ? (await encodeChunk(ctx, encoder, tokenizer.encode('').ids)).hidden.data
      : undefined;
    const parts: Float32Array[] = [];
    let pooled: Tensor<'float32'> | undefined;
    let width = 0;
    for (const chunk of chunks) {
      ctx.signal.throwIfAborted();
      const encoded = await encodeChunk(ctx, encoder, chunk.ids);
      width = encoded.hidden.dims[2]!;
      pooled ??= encoded.pooled;
      const plain = chunk.weights.every((weight) => weight === 1);
      parts.push(
        plain
          ? encoded.hidden.data
          : applyWeights(encoded.hidden.data, chunk.weights, emphasis, empty ? { empty } : {}),
      );
    }
    const embeds = new Float32Array(parts.length * CLIP_MAX_LENGTH * width);
    parts.forEach((part, index) => embeds.set(part, index * CLIP_MAX_LENGTH * width));
    return {
      conditioning: {
        embeds: new Tensor('float32', [1, parts.length * CLIP_MAX_LENGTH, width], embeds),
        pooled: pooledRow(pooled, width),
      },
    };
  },
});
