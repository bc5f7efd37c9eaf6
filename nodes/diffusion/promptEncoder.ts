/**
 * One CLIP tokenizer + text encoder pair of a pipeline, as Text encode uses
 * it: the tokenizer (parsed once and kept by the engine while its files are
 * unchanged), the vocabulary check, and the encoder run chunk by chunk with
 * the prompt's weights applied to the chosen hidden state.
 *
 * SD 1.x/2.x use `tokenizer/` + `text_encoder/` and its last_hidden_state;
 * SDXL uses both pairs (`tokenizer_2/` + `text_encoder_2/` too) and each
 * one's penultimate hidden state, hidden_states[-2] (diffusers'
 * encode_prompt without clip_skip), found as the `hidden_states.N` output
 * with the second-highest N.
 */
import type { ModelHandle, RunnableModel } from '../../engine/common/models.ts';
import type { NodeContext } from '../../engine/common/nodeApi.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';
import { ClipTokenizer, CLIP_MAX_LENGTH } from '../../engine/common/prompt/clipTokenizer.ts';
import type { EmphasisMode, WeightedChunk } from '../../engine/common/prompt/weights.ts';
import { applyWeights, weightedTokens } from '../../engine/common/prompt/weights.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { componentConfig, openComponent, pipelinePath, readPipelineText } from './pipeline.ts';

export interface EncoderPair {
  tokenizer: 'tokenizer' | 'tokenizer_2';
  encoder: 'text_encoder' | 'text_encoder_2';
  /** last_hidden_state (SD 1.x/2.x), or hidden_states[-2] (SDXL). */
  state: 'last' | 'penultimate';
}

/** The tokenizer's files, in the order parseTokenizer reads them. */
const TOKENIZER_FILES = [
  'vocab.json',
  'merges.txt',
  'special_tokens_map.json',
  'tokenizer_config.json',
] as const;

/**
 * The pipeline's tokenizer in `folder`, parsed once and kept by the engine
 * while its files are unchanged (a real CLIP vocabulary and merge list are
 * 1.6 MB).
 */
export function loadTokenizer(
  ctx: NodeContext,
  pipeline: ModelHandle,
  folder: EncoderPair['tokenizer'] = 'tokenizer',
): Promise<ClipTokenizer> {
  return ctx.models.cached(
    'clip-tokenizer',
    TOKENIZER_FILES.map((file) => pipelinePath(pipeline, `${folder}/${file}`)),
    () => parseTokenizer(ctx, pipeline, folder),
  );
}

async function parseTokenizer(
  ctx: NodeContext,
  pipeline: ModelHandle,
  folder: EncoderPair['tokenizer'],
): Promise<ClipTokenizer> {
  const read = (file: string, what: string) =>
    readPipelineText(ctx, pipeline, `${folder}/${file}`, what);
  const optional = (file: string) =>
    readPipelineText(ctx, pipeline, `${folder}/${file}`, 'tokenizer settings', {
      optional: true,
    });
  const which = folder === 'tokenizer' ? 'the tokenizer' : 'the second tokenizer';
  const vocabJson = await read('vocab.json', `${which} vocabulary`);
  const mergesTxt = await read('merges.txt', `${which} merges`);
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
      `The pipeline "${pipeline.summary.name}" has a ${folder === 'tokenizer' ? 'tokenizer' : 'second tokenizer (tokenizer_2/)'} that cannot be used: ${(error as Error).message}`,
    );
  }
}

/** Token ids the text encoder cannot embed mean the tokenizer belongs to another model. */
async function checkVocabulary(
  ctx: NodeContext,
  pipeline: ModelHandle,
  pair: EncoderPair,
  chunks: readonly WeightedChunk[],
): Promise<void> {
  const vocabSize = (await componentConfig(ctx, pipeline, pair.encoder)).vocab_size;
  if (typeof vocabSize !== 'number') return;
  const largest = Math.max(...chunks.map((chunk) => Math.max(...chunk.ids)));
  if (largest >= vocabSize) {
    throw new NodeError(
      'TOKENIZER_MISMATCH',
      `The pipeline "${pipeline.summary.name}" has a tokenizer that gives token id ${largest}, but its text encoder knows only ${vocabSize} tokens: the tokenizer folder belongs to another model. Copy the ${pair.tokenizer}/ folder from the same export as ${pair.encoder}/.`,
    );
  }
}

export interface PreparedPrompt {
  pairs: readonly EncoderPair[];
  tokenizers: ClipTokenizer[];
  /** Each pair's chunks, the same count for every pair. */
  chunks: WeightedChunk[][];
  /** The first tokenizer's count (A1111's "N/75"). */
  tokenCount: number;
}

/**
 * The prompt as weighted 77-token chunks on each pair's tokenizer, checked
 * against its encoder's vocabulary. SDXL's two tokenizers share a vocabulary
 * and differ only in padding, so they chunk alike; should they not, the
 * shorter count wins.
 */
export async function preparePrompt(
  ctx: NodeContext,
  pipeline: ModelHandle,
  pairs: readonly EncoderPair[],
  prompt: string,
): Promise<PreparedPrompt> {
  const tokenizers: ClipTokenizer[] = [];
  const weighted = [];
  for (const pair of pairs) {
    const tokenizer = await loadTokenizer(ctx, pipeline, pair.tokenizer);
    const chunked = weightedTokens(tokenizer, prompt);
    await checkVocabulary(ctx, pipeline, pair, chunked.chunks);
    tokenizers.push(tokenizer);
    weighted.push(chunked);
  }
  const count = Math.min(...weighted.map((chunked) => chunked.chunks.length));
  return {
    pairs,
    tokenizers,
    chunks: weighted.map((chunked) => chunked.chunks.slice(0, count)),
    tokenCount: weighted[0]?.tokenCount ?? 0,
  };
}

/** The output SDXL conditions on: `hidden_states.(N − 1)` for the highest N, if the export has them. */
export function penultimateState(encoder: RunnableModel): string | undefined {
  const numbers = encoder.outputs
    .map((io) => /^hidden_states\.(\d+)$/.exec(io.name)?.[1])
    .filter((match) => match !== undefined)
    .map(Number);
  const last = Math.max(...numbers);
  return numbers.length > 0 && last > 0 ? `hidden_states.${last - 1}` : undefined;
}

export interface EncodedChunks {
  /** Each chunk's weighted hidden states, 77 × width. */
  states: Float32Array[];
  width: number;
  /** The first chunk's pooler_output or text_embeds, if the encoder has one. */
  pooled: Tensor<'float32'> | undefined;
}

/** Runs the pair's encoder on each chunk and applies the chunk's weights to the chosen state. */
export async function encodeChunks(
  ctx: NodeContext,
  pipeline: ModelHandle,
  pair: EncoderPair,
  tokenizer: ClipTokenizer,
  chunks: readonly WeightedChunk[],
  emphasis: EmphasisMode,
): Promise<EncodedChunks> {
  const encoder = await openComponent(ctx, pipeline, pair.encoder);
  let output = 'last_hidden_state';
  if (pair.state === 'penultimate') {
    const found = penultimateState(encoder);
    if (found) output = found;
    else
      ctx.log.warn(
        `The ${pair.encoder} of "${pipeline.summary.name}" was exported without hidden_states outputs, so the prompt uses its last hidden state instead of the penultimate one SDXL was trained on; images will differ from diffusers'. Re-export it with hidden states (optimum does by default).`,
      );
  }
  const needsEmpty =
    emphasis === 'comfy' && chunks.some((chunk) => chunk.weights.some((weight) => weight !== 1));
  const empty = needsEmpty
    ? (await encodeChunk(ctx, encoder, tokenizer.encode('').ids, output)).hidden.data
    : undefined;
  const states: Float32Array[] = [];
  let pooled: Tensor<'float32'> | undefined;
  let width = 0;
  for (const chunk of chunks) {
    ctx.signal.throwIfAborted();
    const encoded = await encodeChunk(ctx, encoder, chunk.ids, output);
    width = encoded.hidden.dims[2]!;
    pooled ??= encoded.pooled;
    const plain = chunk.weights.every((weight) => weight === 1);
    states.push(
      plain
        ? encoded.hidden.data
        : applyWeights(encoded.hidden.data, chunk.weights, emphasis, empty ? { empty } : {}),
    );
  }
  return { states, width, pooled };
}

async function encodeChunk(
  ctx: NodeContext,
  encoder: RunnableModel,
  ids: Int32Array,
  output: string,
): Promise<{ hidden: Tensor<'float32'>; pooled: Tensor<'float32'> | undefined }> {
  const outputs = await encoder.run(
    { input_ids: new Tensor('int32', [1, ids.length], ids) },
    { signal: ctx.signal },
  );
  const hidden = outputs[output];
  if (hidden?.dtype !== 'float32' || hidden.dims.length !== 3 || hidden.dims[1] !== ids.length) {
    throw new NodeError(
      'TEXT_ENCODER_UNSUPPORTED',
      `The text encoder ${encoder.path} gives no ${output} of [1, ${ids.length}, width]; it is not a CLIP text encoder export Weft can use.`,
    );
  }
  const pooled = outputs.pooler_output ?? outputs.text_embeds;
  return {
    hidden: hidden as Tensor<'float32'>,
    pooled: pooled?.dtype === 'float32' ? (pooled as Tensor<'float32'>) : undefined,
  };
}

/** Chunks of 77 × width each, joined along the tokens: [1, 77·chunks, width]. */
export function joinChunks(states: readonly Float32Array[], width: number): Tensor<'float32'> {
  const embeds = new Float32Array(states.length * CLIP_MAX_LENGTH * width);
  states.forEach((part, index) => embeds.set(part, index * CLIP_MAX_LENGTH * width));
  return new Tensor('float32', [1, states.length * CLIP_MAX_LENGTH, width], embeds);
}

/** The first row of a pooled output as [1, P]; zeros [1, width] when the encoder has none. */
export function pooledRow(pooled: Tensor<'float32'> | undefined, width: number): Tensor<'float32'> {
  if (!pooled || pooled.dims.length === 0) return Tensor.zeros('float32', [1, width]);
  const size = pooled.dims[pooled.dims.length - 1]!;
  return new Tensor('float32', [1, size], pooled.data.slice(0, size));
}
