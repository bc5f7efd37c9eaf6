/**
 * The toy CLIP text encoder. Contract (diffusers ONNX script): `input_ids`
 * int32 [B,77] → `last_hidden_state` float32 [B,77,768] and `pooler_output`
 * float32 [B,768].
 *
 * Each position's hidden state is one row of a small table, chosen by
 * comparing the id with the known ids (no 49408-row embedding):
 *   dims 0–2   red, green, blue        (1 where that word is)
 *   dims 3–5   circle, square, triangle
 *   dims 6–12  a, the, photo, of, and, <|startoftext|>, <|endoftext|>
 *   dim 13     any other id (all unknown ids give the same row)
 *   dims 16–767 a fixed pseudo-random filler per row (std 0.05), so hidden
 *              states look like embeddings; dims 14–15 are zero.
 * Summing the hidden states over the sequence therefore counts each word,
 * which is how the toy UNet reads the prompt.
 *
 * `pooler_output` is the sum of the hidden states up to and including the
 * first <|endoftext|> (the position CLIP pools at, where its causal attention
 * has seen the whole prompt), so its dims 0–5 count the prompt's colour and
 * shape words too.
 */
import { createPcg32 } from '../../../engine/common/rng.ts';
import { Tensor } from '../../../engine/common/tensor.ts';
import { OnnxBuilder } from '../onnx/builder.ts';
import { END_OF_TEXT, MAX_LENGTH, START_OF_TEXT, wordTokenIds } from './tokenizerFiles.ts';
import type { TokenizerWord } from './tokenizerFiles.ts';

export const HIDDEN_SIZE = 768;
/** The first of the three colour dims (red, green, blue) and of the three shape dims. */
export const COLOUR_DIM = 0;
export const SHAPE_DIM = 3;
export const UNKNOWN_DIM = 13;
const FILLER_DIM = 16;
const FILLER_STD = 0.05;

const FEATURE_WORDS: readonly TokenizerWord[] = [
  'red',
  'green',
  'blue',
  'circle',
  'square',
  'triangle',
  'a',
  'the',
  'photo',
  'of',
  'and',
];

/** The known ids in feature-dim order: the words, then start and end of text. */
export function knownTokenIds(): number[] {
  const ids = wordTokenIds();
  return [...FEATURE_WORDS.map((word) => ids[word]), START_OF_TEXT, END_OF_TEXT];
}

/** [known ids + 1 unknown, 768]: row r has a 1 in dim r and the filler. */
function embeddingTable(rows: number): Tensor<'float32'> {
  const rng = createPcg32(0x74657874n, 0x656e63n); // "text", "enc"
  const data = new Float32Array(rows * HIDDEN_SIZE);
  for (let row = 0; row < rows; row++) {
    data[row * HIDDEN_SIZE + row] = 1;
    for (let dim = FILLER_DIM; dim < HIDDEN_SIZE; dim++) {
      const u = 1 - rng.next();
      const v = rng.next();
      const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      data[row * HIDDEN_SIZE + dim] = FILLER_STD * gaussian;
    }
  }
  return new Tensor('float32', [rows, HIDDEN_SIZE], data);
}

export function buildTextEncoder(): Uint8Array {
  const known = knownTokenIds();
  const model = new OnnxBuilder('toy_sd_text_encoder');
  const ids = model.input('input_ids', 'int32', ['batch', MAX_LENGTH]);
  const knownIds = model.constant(new Tensor('int32', [known.length], Int32Array.from(known)));
  const matches = model.op('Equal', [model.op('Unsqueeze', [ids, model.ints([2])]), knownIds]);
  const oneHot = model.op('Cast', [matches], { to: 1 });
  const unknown = model.op('Sub', [
    model.floats([1], []),
    model.op('ReduceSum', [oneHot, model.ints([-1])], { keepdims: 1 }),
  ]);
  const selector = model.op('Concat', [oneHot, unknown], { axis: -1 });
  const table = model.constant(embeddingTable(known.length + 1));
  const hidden = model.op('MatMul', [selector, table], {}, 'last_hidden_state');

  // Positions 0 … first <|endoftext|>: ArgMax returns the first maximum, and 49407 is the largest id.
  const firstEnd = model.op('ArgMax', [model.op('Cast', [ids], { to: 1 })], {
    axis: 1,
    keepdims: 1,
  });
  const positions = model.ints(Array.from({ length: MAX_LENGTH }, (_, p) => p));
  const upToEnd = model.op('Cast', [model.op('LessOrEqual', [positions, firstEnd])], { to: 1 });
  const weighted = model.op('Mul', [hidden, model.op('Unsqueeze', [upToEnd, model.ints([2])])]);
  model.op('ReduceSum', [weighted, model.ints([1])], { keepdims: 0 }, 'pooler_output');

  model.output('last_hidden_state', 'float32', ['batch', MAX_LENGTH, HIDDEN_SIZE]);
  model.output('pooler_output', 'float32', ['batch', HIDDEN_SIZE]);
  model
    .metadata('weft.fixture', 'toy-sd/text_encoder')
    .metadata(
      'weft.contract',
      'clip text encoder (diffusers script): input_ids int32 [B,77] → last_hidden_state [B,77,768], pooler_output [B,768]',
    )
    .metadata(
      'weft.computes',
      'one table row per token: dims 0–5 flag red, green, blue, circle, square, triangle; every unknown id shares one row; pooler_output = sum of the rows up to the first <|endoftext|>; not a trained network',
    );
  return model.build();
}
