/**
 * Helpers for the toy fixtures' own tests: generate into a temporary folder,
 * open the generated models, turn simple prompts into ids, find the nearest
 * dataset item. Test-only; Weft's real tokenizer is not this.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { bpe } from './clipBpe.ts';
import { END_OF_TEXT, MAX_LENGTH, START_OF_TEXT, toyMerges, toyVocab } from './tokenizerFiles.ts';
import { LATENT_LENGTH, scaledLatents } from './dataset.ts';

export interface TempFolder {
  path: string;
  remove(): Promise<void>;
}

export async function tempFolder(): Promise<TempFolder> {
  const path = await mkdtemp(join(tmpdir(), 'weft-toy-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export function openSession(path: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(path);
}

/**
 * CLIP-style ids for a lowercase prompt of plain words: <|startoftext|>, each
 * word's BPE tokens from the toy files, <|endoftext|>, padded with
 * <|endoftext|> to 77 (SD 1.x).
 */
export function promptIds(prompt: string): Int32Array {
  const vocab = toyVocab();
  const ranks = new Map(toyMerges().map((pair, rank) => [pair.join(' '), rank]));
  const tokens = prompt
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => bpe(word, ranks).map((token) => vocab.get(token)!));
  const ids = new Int32Array(MAX_LENGTH).fill(END_OF_TEXT);
  ids[0] = START_OF_TEXT;
  ids.set(tokens.slice(0, MAX_LENGTH - 2), 1);
  return ids;
}

/** Stacks equally long rows into one Float32Array. */
export function stack(rows: readonly ArrayLike<number>[]): Float32Array {
  const width = rows[0]?.length ?? 0;
  const data = new Float32Array(rows.length * width);
  rows.forEach((row, r) => data.set(Array.from(row), r * width));
  return data;
}

let datasetLatents: Float32Array[] | undefined;

/** The dataset item whose scaled latent is nearest to row `row` of a [N, 256] batch, and the RMS distance to it. */
export function nearestItem(batch: ArrayLike<number>, row = 0): { index: number; rms: number } {
  let index = -1;
  let best = Infinity;
  datasetLatents ??= scaledLatents();
  datasetLatents.forEach((latent, i) => {
    let distance = 0;
    for (let p = 0; p < LATENT_LENGTH; p++) {
      distance += (batch[row * LATENT_LENGTH + p]! - latent[p]!) ** 2;
    }
    if (distance < best) {
      best = distance;
      index = i;
    }
  });
  return { index, rms: Math.sqrt(best / LATENT_LENGTH) };
}
