/**
 * Helpers for the toy SDXL fixture's own tests: its two encoders run on
 * simple prompts the way SDXL's pipeline (and a few wrong ways) would
 * combine them. Test-only; Weft's real text encode node is not this.
 */
import * as ort from 'onnxruntime-node';
import { END_OF_TEXT, MAX_LENGTH } from '../toySd/tokenizerFiles.ts';
import { promptIds } from '../toySd/testing.ts';
import { LAYERS_1, LAYERS_2, TEXT_WIDTH_1, TEXT_WIDTH_2 } from './textEncoders.ts';
import { NATIVE_TIME_IDS } from './unet.ts';

/** The second tokenizer's ids: toy SD's, padded with "!" (id 0) after the first <|endoftext|>. */
export function promptIds2(prompt: string): Int32Array {
  const ids = promptIds(prompt);
  const end = ids.indexOf(END_OF_TEXT);
  return ids.map((id, position) => (position > end ? 0 : id));
}

function int64Ids(ids: Int32Array): ort.Tensor {
  return new ort.Tensor('int64', BigInt64Array.from(Array.from(ids, BigInt)), [1, MAX_LENGTH]);
}

export interface XlConditioning {
  /** [77, D1 + D2]. */
  hidden: Float32Array;
  /** [D2]. */
  pooled: Float32Array;
}

export interface EncodeOptions {
  /** Which hidden state: SDXL's hidden_states[-2], or (wrongly) last_hidden_state. */
  layer?: 'penultimate' | 'last';
  /** text_encoder's states first (right) or second. */
  order?: 'right' | 'swapped';
}

/** A prompt through both encoders, combined as SDXL's encode_prompt does unless told otherwise. */
export async function encodeXl(
  encoders: readonly [ort.InferenceSession, ort.InferenceSession],
  prompt: string,
  options: EncodeOptions = {},
): Promise<XlConditioning> {
  const [first, second] = encoders;
  const out1 = await first.run({ input_ids: int64Ids(promptIds(prompt)) });
  const out2 = await second.run({ input_ids: int64Ids(promptIds2(prompt)) });
  const last = options.layer === 'last';
  const h1 = (last ? out1.last_hidden_state : out1[`hidden_states.${LAYERS_1 - 1}`])!
    .data as Float32Array;
  const h2 = (last ? out2.last_hidden_state : out2[`hidden_states.${LAYERS_2 - 1}`])!
    .data as Float32Array;
  const parts: [Float32Array, number][] =
    options.order === 'swapped'
      ? [
          [h2, TEXT_WIDTH_2],
          [h1, TEXT_WIDTH_1],
        ]
      : [
          [h1, TEXT_WIDTH_1],
          [h2, TEXT_WIDTH_2],
        ];
  const width = TEXT_WIDTH_1 + TEXT_WIDTH_2;
  const hidden = new Float32Array(MAX_LENGTH * width);
  for (let token = 0; token < MAX_LENGTH; token++) {
    let offset = token * width;
    for (const [states, size] of parts) {
      hidden.set(states.subarray(token * size, (token + 1) * size), offset);
      offset += size;
    }
  }
  return { hidden, pooled: Float32Array.from(out2.text_embeds!.data as Float32Array) };
}

/** What force_zeros_for_empty_prompt gives for an empty negative prompt. */
export function zeroConditioning(): XlConditioning {
  return {
    hidden: new Float32Array(MAX_LENGTH * (TEXT_WIDTH_1 + TEXT_WIDTH_2)),
    pooled: new Float32Array(TEXT_WIDTH_2),
  };
}

export const RIGHT_TIME_IDS: readonly number[] = NATIVE_TIME_IDS;
