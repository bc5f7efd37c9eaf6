import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLOUR_DIM, SHAPE_DIM, UNKNOWN_DIM } from './textEncoder.ts';
import type { TempFolder } from './testing.ts';
import { openSession, promptIds, tempFolder } from './testing.ts';
import { TOY_SD_FOLDER, writeToySd } from './write.ts';

const HIDDEN = 768;

describe('toy SD text encoder', () => {
  let folder: TempFolder;
  let session: ort.InferenceSession;

  /** Runs a batch of id rows; returns the hidden states and pooled vectors per row. */
  async function encode(...rows: Int32Array[]) {
    const ids = new Int32Array(rows.length * 77);
    rows.forEach((row, r) => ids.set(row, r * 77));
    const result = await session.run({
      input_ids: new ort.Tensor('int32', ids, [rows.length, 77]),
    });
    expect(result.last_hidden_state!.dims).toEqual([rows.length, 77, HIDDEN]);
    expect(result.pooler_output!.dims).toEqual([rows.length, HIDDEN]);
    const hidden = result.last_hidden_state!.data as Float32Array;
    const pooled = result.pooler_output!.data as Float32Array;
    return rows.map((_, r) => ({
      hidden: hidden.subarray(r * 77 * HIDDEN, (r + 1) * 77 * HIDDEN),
      pooled: pooled.subarray(r * HIDDEN, (r + 1) * HIDDEN),
      at: (position: number, dim: number) => hidden[(r * 77 + position) * HIDDEN + dim]!,
    }));
  }

  beforeAll(async () => {
    folder = await tempFolder();
    await writeToySd(folder.path);
    session = await openSession(join(folder.path, TOY_SD_FOLDER, 'text_encoder/model.onnx'));
  });
  afterAll(() => folder.remove());

  it('takes input_ids int32 [B,77] and gives last_hidden_state and pooler_output', () => {
    expect(session.inputNames).toEqual(['input_ids']);
    expect(session.outputNames).toEqual(['last_hidden_state', 'pooler_output']);
  });

  it('tells "a red circle" from "a green circle" at the colour word only: each sets its own colour dim', async () => {
    const red = promptIds('a red circle');
    const green = promptIds('a green circle');
    expect(Array.from(red.subarray(0, 5))).toEqual([49406, 320, 515, 526, 49407]);
    const [r, g] = await encode(red, green);
    expect([r!.at(2, COLOUR_DIM), r!.at(2, COLOUR_DIM + 1)]).toEqual([1, 0]);
    expect([g!.at(2, COLOUR_DIM), g!.at(2, COLOUR_DIM + 1)]).toEqual([0, 1]);
    expect([r!.at(3, SHAPE_DIM), g!.at(3, SHAPE_DIM)]).toEqual([1, 1]);
    let differing = 0;
    r!.hidden.forEach((value, i) => {
      if (value !== g!.hidden[i]) differing++;
    });
    expect(differing).toBeGreaterThan(700); // the word's whole row, filler included
    expect(r!.hidden.subarray(0, 2 * HIDDEN)).toEqual(g!.hidden.subarray(0, 2 * HIDDEN));
    expect(r!.hidden.subarray(3 * HIDDEN)).toEqual(g!.hidden.subarray(3 * HIDDEN));
  });

  it('gives every unknown id the same hidden state', async () => {
    const first = promptIds('a red circle');
    const second = promptIds('a red circle');
    first[2] = 1234;
    second[2] = 40000;
    const [a, b] = await encode(first, second);
    expect(a!.hidden).toEqual(b!.hidden);
    expect(a!.at(2, UNKNOWN_DIM)).toBe(1);
    expect(a!.at(2, COLOUR_DIM)).toBe(0);
  });

  it('pools the hidden states up to the first <|endoftext|>: colour and shape dims count the words', async () => {
    const [prompt, empty] = await encode(
      promptIds('a blue square and a blue circle'),
      promptIds(''),
    );
    expect(Array.from(prompt!.pooled.subarray(0, 6))).toEqual([0, 0, 2, 1, 1, 0]);
    expect(Array.from(empty!.pooled.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
    // "" is <|startoftext|> <|endoftext|> …: its pooled vector is those two rows' sum.
    for (const dim of [11, 12, 100, 767]) {
      expect(empty!.pooled[dim]).toBeCloseTo(empty!.at(0, dim) + empty!.at(1, dim), 6);
    }
  });

  it('encodes a batch row by row: batch 2 equals two single calls', async () => {
    const [a, b] = await encode(promptIds('a photo of the red triangle'), promptIds(''));
    const [single] = await encode(promptIds(''));
    expect(b!.hidden).toEqual(single!.hidden);
    expect(b!.pooled).toEqual(single!.pooled);
    expect(a!.at(6, SHAPE_DIM + 2)).toBe(1);
  });
});
