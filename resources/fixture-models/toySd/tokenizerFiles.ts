/**
 * The toy pipeline's tokenizer folder in CLIP format: `vocab.json`,
 * `merges.txt`, `special_tokens_map.json`, `tokenizer_config.json`.
 *
 * The vocabulary is laid out as CLIP's: ids 0–255 are the byte symbols in
 * bytes_to_unicode order, 256–511 the same with `</w>`, then one token per
 * merge (512 + rank), and the special tokens at CLIP's real ids,
 * <|startoftext|> 49406 and <|endoftext|> 49407 (also the pad token, as in
 * SD 1.x). The merges build each dataset word into one token with CLIP's real
 * BPE loop; any other text still tokenizes, into smaller pieces.
 *
 * Word ids (fixed; the tests check them): a 320, the 513, red 515,
 * green 518, blue 521, circle 526, square 531, triangle 538, photo 542,
 * of 543, and 545.
 */
import { bpe, vocabByteSymbols } from './clipBpe.ts';

export const START_OF_TEXT = 49406;
export const END_OF_TEXT = 49407;
export const MAX_LENGTH = 77;

/** The words the toy text encoder knows; each is one token. */
export const TOKENIZER_WORDS = [
  'a',
  'the',
  'red',
  'green',
  'blue',
  'circle',
  'square',
  'triangle',
  'photo',
  'of',
  'and',
] as const;
export type TokenizerWord = (typeof TOKENIZER_WORDS)[number];

/**
 * Merges in rank order, built greedily: for each word, while it is still more
 * than one token under the merges so far, append a merge of its first two
 * tokens. A new merge ranks after all earlier ones, so it never changes how an
 * earlier word tokenizes.
 */
export function toyMerges(): [string, string][] {
  const merges: [string, string][] = [];
  const ranks = new Map<string, number>();
  for (const word of TOKENIZER_WORDS) {
    for (let tokens = bpe(word, ranks); tokens.length > 1; tokens = bpe(word, ranks)) {
      const pair: [string, string] = [tokens[0]!, tokens[1]!];
      ranks.set(pair.join(' '), merges.length);
      merges.push(pair);
    }
  }
  return merges;
}

/** token → id, in id order. */
export function toyVocab(): Map<string, number> {
  const symbols = vocabByteSymbols();
  const tokens = [
    ...symbols,
    ...symbols.map((symbol) => `${symbol}</w>`),
    ...toyMerges().map(([first, second]) => first + second),
  ];
  const vocab = new Map<string, number>();
  tokens.forEach((token, id) => {
    if (vocab.has(token)) throw new Error(`Toy vocabulary: token ${token} appears twice`);
    vocab.set(token, id);
  });
  vocab.set('<|startoftext|>', START_OF_TEXT);
  vocab.set('<|endoftext|>', END_OF_TEXT);
  return vocab;
}

/** The id of each known word's single token. */
export function wordTokenIds(): Record<TokenizerWord, number> {
  const vocab = toyVocab();
  const ranks = new Map(toyMerges().map((pair, rank) => [pair.join(' '), rank]));
  const ids = {} as Record<TokenizerWord, number>;
  for (const word of TOKENIZER_WORDS) {
    const tokens = bpe(word, ranks);
    const id = tokens.length === 1 ? vocab.get(tokens[0]!) : undefined;
    if (id === undefined) throw new Error(`Toy vocabulary: "${word}" is not one token`);
    ids[word] = id;
  }
  return ids;
}

const SPECIAL = (content: string) => ({
  content,
  lstrip: false,
  normalized: true,
  rstrip: false,
  single_word: false,
});

/**
 * File name → contents, as written into `tokenizer/`. `padToken` is SD 1.x's
 * <|endoftext|> by default; SDXL's second tokenizer (and SD 2.x's) pads with
 * "!", id 0.
 */
export function tokenizerFiles(padToken = '<|endoftext|>'): Record<string, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const merges = toyMerges().map((pair) => pair.join(' '));
  return {
    'vocab.json': `${JSON.stringify(Object.fromEntries(toyVocab()))}\n`,
    'merges.txt': ['#version: 0.2', ...merges].join('\n') + '\n',
    'special_tokens_map.json': json({
      bos_token: SPECIAL('<|startoftext|>'),
      eos_token: SPECIAL('<|endoftext|>'),
      pad_token: padToken,
      unk_token: SPECIAL('<|endoftext|>'),
    }),
    'tokenizer_config.json': json({
      add_prefix_space: false,
      bos_token: SPECIAL('<|startoftext|>'),
      do_lower_case: true,
      eos_token: SPECIAL('<|endoftext|>'),
      errors: 'replace',
      model_max_length: MAX_LENGTH,
      pad_token: padToken,
      tokenizer_class: 'CLIPTokenizer',
      unk_token: SPECIAL('<|endoftext|>'),
    }),
  };
}
