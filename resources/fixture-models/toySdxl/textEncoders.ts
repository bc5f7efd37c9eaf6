/**
 * The toy SDXL pipeline's two text encoders, with the outputs optimum's SDXL
 * export has (CLIP run with output_hidden_states):
 *
 *   text_encoder/   (CLIP ViT-L's role, CLIPTextModel)
 *     input_ids int64 [B,77] → last_hidden_state [B,77,D1], pooler_output
 *     [B,D1], hidden_states.0 … hidden_states.3 [B,77,D1]        (D1 = 32)
 *   text_encoder_2/ (OpenCLIP bigG's role, CLIPTextModelWithProjection)
 *     input_ids int64 [B,77] → text_embeds [B,D2], last_hidden_state
 *     [B,77,D2], hidden_states.0 … hidden_states.4 [B,77,D2]     (D2 = 48)
 *
 * Real exports are 768 and 1280 wide with 13 and 33 hidden states; the toy's
 * widths and layer counts differ from those and from each other, so code
 * that hard-codes a width or a layer number fails on it.
 *
 * Every hidden state is a table lookup per token (as in toySd/textEncoder.ts:
 * rows for the eleven known words, <|startoftext|>, <|endoftext|> and one row
 * for every other id), one table per layer:
 * - the penultimate layer (hidden_states[-2], what SDXL conditions on) flags
 *   each known row with a 1: text_encoder at dims 0–13 in row order (red,
 *   green, blue at 0–2), text_encoder_2 at dims 8–21 (circle, square,
 *   triangle at 11–13);
 * - the last layer (and last_hidden_state, the same values) flags them
 *   rotated within the colours and within the shapes (red reads as green,
 *   circle as square), so conditioning on it draws the wrong item;
 * - earlier layers carry no flags;
 * - every row of every layer has a fixed pseudo-random filler (std 0.05)
 *   past the flags, so states look like embeddings.
 *
 * Pooling: pooler_output (text_encoder) is the sum of last_hidden_state up to
 * and including the first <|endoftext|>; text_embeds (text_encoder_2) is that
 * sum times the toy's text_projection, which undoes the rotation and moves
 * the flags to dims 0–13: text_embeds dims 0–5 count the prompt's colour and
 * shape words.
 */
import { createPcg32 } from '../../../engine/common/rng.ts';
import { Tensor } from '../../../engine/common/tensor.ts';
import { OnnxBuilder } from '../onnx/builder.ts';
import { knownTokenIds } from '../toySd/textEncoder.ts';
import { MAX_LENGTH } from '../toySd/tokenizerFiles.ts';

export const TEXT_WIDTH_1 = 32;
export const TEXT_WIDTH_2 = 48;
/** Where each encoder's penultimate layer puts the flag of known row 0 (red). */
export const FLAG_DIM_1 = 0;
export const FLAG_DIM_2 = 8;
/** The first filler dim of each encoder. */
const FILLER_DIM_1 = 16;
const FILLER_DIM_2 = 24;
const FILLER_STD = 0.05;
/** Hidden states 0 … LAYERS (embeddings plus one per layer). */
export const LAYERS_1 = 3;
export const LAYERS_2 = 4;
/** Rows: the known ids of toySd/textEncoder.ts (13), then "any other id". */
const ROWS = knownTokenIds().length + 1;

/** The last layer's rotation: red → green → blue → red, circle → square → triangle → circle. */
export function rotatedRow(row: number): number {
  if (row < 3) return (row + 1) % 3;
  if (row < 6) return 3 + ((row - 3 + 1) % 3);
  return row;
}

type Flags = 'none' | 'plain' | 'rotated';

function layerTable(
  width: number,
  flagDim: number,
  fillerDim: number,
  flags: Flags,
  seed: bigint,
): Tensor<'float32'> {
  const rng = createPcg32(seed, 0x786cn); // "xl"
  const data = new Float32Array(ROWS * width);
  for (let row = 0; row < ROWS; row++) {
    if (flags !== 'none')
      data[row * width + flagDim + (flags === 'rotated' ? rotatedRow(row) : row)] = 1;
    for (let dim = fillerDim; dim < width; dim++) {
      const u = 1 - rng.next();
      const v = rng.next();
      data[row * width + dim] =
        FILLER_STD * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  }
  return new Tensor('float32', [ROWS, width], data);
}

/** [B, 77, ROWS]: a one-hot row selector per token, unknown ids on the last row. */
function selectorOf(model: OnnxBuilder, ids: string): string {
  const known = knownTokenIds();
  const knownIds = model.constant(
    new Tensor('int64', [known.length], BigInt64Array.from(known.map(BigInt))),
  );
  const matches = model.op('Equal', [model.op('Unsqueeze', [ids, model.ints([2])]), knownIds]);
  const oneHot = model.op('Cast', [matches], { to: 1 });
  const unknown = model.op('Sub', [
    model.floats([1], []),
    model.op('ReduceSum', [oneHot, model.ints([-1])], { keepdims: 1 }),
  ]);
  return model.op('Concat', [oneHot, unknown], { axis: -1 });
}

/** Σ of the rows up to and including the first <|endoftext|> (the largest id, so ArgMax finds it), [B, width]. */
function poolAtEnd(model: OnnxBuilder, ids: string, hidden: string): string {
  const firstEnd = model.op('ArgMax', [model.op('Cast', [ids], { to: 1 })], {
    axis: 1,
    keepdims: 1,
  });
  const positions = model.ints(Array.from({ length: MAX_LENGTH }, (_, p) => p));
  const upToEnd = model.op('Cast', [model.op('LessOrEqual', [positions, firstEnd])], { to: 1 });
  const weighted = model.op('Mul', [hidden, model.op('Unsqueeze', [upToEnd, model.ints([2])])]);
  return model.op('ReduceSum', [weighted, model.ints([1])], { keepdims: 0 });
}

interface EncoderSpec {
  name: string;
  width: number;
  layers: number;
  flagDim: number;
  fillerDim: number;
  seed: bigint;
}

/** Writes hidden_states.0 … .layers and last_hidden_state; returns the last layer's name. */
function hiddenStates(model: OnnxBuilder, ids: string, spec: EncoderSpec): string {
  const selector = selectorOf(model, ids);
  let last = '';
  for (let layer = 0; layer <= spec.layers; layer++) {
    const flags: Flags =
      layer === spec.layers ? 'rotated' : layer === spec.layers - 1 ? 'plain' : 'none';
    const table = layerTable(
      spec.width,
      spec.flagDim,
      spec.fillerDim,
      flags,
      spec.seed + BigInt(layer),
    );
    last = model.op('MatMul', [selector, model.constant(table)], {}, `hidden_states.${layer}`);
  }
  model.op('Identity', [last], {}, 'last_hidden_state');
  return last;
}

function declareStates(model: OnnxBuilder, spec: EncoderSpec): void {
  model.output('last_hidden_state', 'float32', ['batch', MAX_LENGTH, spec.width]);
  for (let layer = 0; layer <= spec.layers; layer++)
    model.output(`hidden_states.${layer}`, 'float32', ['batch', MAX_LENGTH, spec.width]);
}

const ENCODER_1: EncoderSpec = {
  name: 'toy_sdxl_text_encoder',
  width: TEXT_WIDTH_1,
  layers: LAYERS_1,
  flagDim: FLAG_DIM_1,
  fillerDim: FILLER_DIM_1,
  seed: 0x74653120n, // "te1 "
};

const ENCODER_2: EncoderSpec = {
  name: 'toy_sdxl_text_encoder_2',
  width: TEXT_WIDTH_2,
  layers: LAYERS_2,
  flagDim: FLAG_DIM_2,
  fillerDim: FILLER_DIM_2,
  seed: 0x74653220n, // "te2 "
};

const COMPUTES =
  'one table row per token and layer; the penultimate layer flags red, green, blue, circle, square, triangle (and the other known words) with a 1, the last layer flags them rotated; not a trained network';

export function buildTextEncoder1(): Uint8Array {
  const model = new OnnxBuilder(ENCODER_1.name);
  const ids = model.input('input_ids', 'int64', ['batch', MAX_LENGTH]);
  const last = hiddenStates(model, ids, ENCODER_1);
  model.op('Identity', [poolAtEnd(model, ids, last)], {}, 'pooler_output');
  declareStates(model, ENCODER_1);
  model.output('pooler_output', 'float32', ['batch', ENCODER_1.width]);
  model
    .metadata('weft.fixture', 'toy-sdxl/text_encoder')
    .metadata(
      'weft.contract',
      `sdxl text_encoder (optimum, CLIPTextModel with hidden states): input_ids int64 [B,77] → last_hidden_state [B,77,${TEXT_WIDTH_1}], pooler_output [B,${TEXT_WIDTH_1}], hidden_states.0…${LAYERS_1} (real: 768 wide, hidden_states.0…12)`,
    )
    .metadata(
      'weft.computes',
      `${COMPUTES}; flags at dims ${FLAG_DIM_1}–${FLAG_DIM_1 + ROWS - 1}; pooler_output = sum of last_hidden_state up to the first <|endoftext|>`,
    );
  return model.build();
}

/** The toy text_projection [D2, D2]: last-layer flag dim of row r → dim r; filler dims kept. */
function textProjection(): Tensor<'float32'> {
  const width = TEXT_WIDTH_2;
  const data = new Float32Array(width * width);
  for (let row = 0; row < ROWS; row++) data[(FLAG_DIM_2 + rotatedRow(row)) * width + row] = 1;
  for (let dim = FILLER_DIM_2; dim < width; dim++) data[dim * width + dim] = 1;
  return new Tensor('float32', [width, width], data);
}

export function buildTextEncoder2(): Uint8Array {
  const model = new OnnxBuilder(ENCODER_2.name);
  const ids = model.input('input_ids', 'int64', ['batch', MAX_LENGTH]);
  const last = hiddenStates(model, ids, ENCODER_2);
  const pooled = poolAtEnd(model, ids, last);
  model.op('MatMul', [pooled, model.constant(textProjection())], {}, 'text_embeds');
  model.output('text_embeds', 'float32', ['batch', TEXT_WIDTH_2]);
  declareStates(model, ENCODER_2);
  model
    .metadata('weft.fixture', 'toy-sdxl/text_encoder_2')
    .metadata(
      'weft.contract',
      `sdxl text_encoder_2 (optimum, CLIPTextModelWithProjection with hidden states): input_ids int64 [B,77] → text_embeds [B,${TEXT_WIDTH_2}], last_hidden_state [B,77,${TEXT_WIDTH_2}], hidden_states.0…${LAYERS_2} (real: 1280 wide, hidden_states.0…32)`,
    )
    .metadata(
      'weft.computes',
      `${COMPUTES}; flags at dims ${FLAG_DIM_2}–${FLAG_DIM_2 + ROWS - 1}; text_embeds = (sum of last_hidden_state up to the first <|endoftext|>) · a projection that un-rotates the flags onto dims 0–${ROWS - 1}`,
    );
  return model.build();
}
