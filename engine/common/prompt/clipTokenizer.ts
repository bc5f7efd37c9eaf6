/**
 * CLIP's BPE tokenizer (openai/CLIP simple_tokenizer.py, HF CLIPTokenizer),
 * built from the contents of a pipeline's `tokenizer/` files.
 *
 * encode(text) = [bos, …BPE ids of the cleaned text, eos], cut to 77 and
 * padded with the pipeline's pad id: `<|endoftext|>` (49407) for SD 1.x, `!`
 * (0) for SD 2.x, Turbo and SDXL's second tokenizer, read from
 * special_tokens_map.json (or tokenizer_config.json) as HF does.
 *
 * Deliberate difference from recent transformers: HF also splits the text on
 * its special tokens, which makes SD 2.x's pad token `!` an unsplittable id 0
 * inside prompts ("wow!" → wow, 0). CLIP's own tokenizer, which SD 2.x's text
 * encoder was trained with, treats `!` as ordinary punctuation (`!</w>`, 256),
 * and so does Weft. `<|startoftext|>` and `<|endoftext|>` typed in a prompt
 * still become their ids, as in both references.
 */
import type { MergeRanks } from './clipBpe.ts';
import { bpeWord, parseMerges, toByteSymbols } from './clipBpe.ts';
import { cleanText, preTokens } from './clipText.ts';

/** Positions of CLIP's text encoder: bos + 75 prompt tokens + eos. */
export const CLIP_MAX_LENGTH = 77;
export const START_OF_TEXT = '<|startoftext|>';
export const END_OF_TEXT = '<|endoftext|>';

/** Contents (not paths) of a pipeline's tokenizer files. */
export interface ClipTokenizerFiles {
  vocabJson: string;
  mergesTxt: string;
  specialTokensMap?: string;
  tokenizerConfig?: string;
}

export interface EncodedPrompt {
  /** 77 ids: bos, the prompt's tokens, eos, then the pad id. */
  ids: Int32Array;
  /** Ids before the padding, bos and eos included; eos sits at length − 1. */
  length: number;
  /** Prompt tokens cut to fit (0 when it fits), for a "N tokens were cut" warning. */
  truncated: number;
}

/** BPE results kept per word; a prompt vocabulary is far smaller than this. */
const CACHE_LIMIT = 50_000;

type SpecialTokens = Partial<Record<'bos_token' | 'eos_token' | 'pad_token' | 'unk_token', string>>;

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(
      `The tokenizer's ${file} is not valid JSON (${(error as Error).message}). ` +
        `Download the pipeline's tokenizer folder again.`,
    );
  }
}

/** A special token's text: HF writes it as a string or as { content }. */
function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'content' in value) {
    const content = value.content;
    if (typeof content === 'string') return content;
  }
  return undefined;
}

function readSpecialTokens(text: string | undefined, file: string): SpecialTokens {
  if (text === undefined) return {};
  const json = parseJson(text, file);
  if (typeof json !== 'object' || json === null) return {};
  const record = json as Record<string, unknown>;
  const tokens: SpecialTokens = {};
  for (const key of ['bos_token', 'eos_token', 'pad_token', 'unk_token'] as const) {
    const value = tokenText(record[key]);
    if (value !== undefined) tokens[key] = value;
  }
  return tokens;
}

function readVocab(text: string): Map<string, number> {
  const json = parseJson(text, 'vocab.json');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(
      "The tokenizer's vocab.json is not a token → id table. Download the pipeline's tokenizer folder again.",
    );
  }
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(json as Record<string, unknown>)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new Error(
        `The tokenizer's vocab.json gives token ${JSON.stringify(token)} the id ${JSON.stringify(id)}; ids must be whole numbers ≥ 0.`,
      );
    }
    vocab.set(token, id);
  }
  return vocab;
}

export class ClipTokenizer {
  readonly maxLength = CLIP_MAX_LENGTH;
  readonly startId: number;
  readonly endId: number;
  readonly padId: number;
  /** Id for a BPE token missing from the vocabulary (HF's unk_token, `<|endoftext|>`). */
  readonly unknownId: number;
  private readonly cache = new Map<string, string[]>();

  private constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    private readonly ranks: MergeRanks,
    special: Required<SpecialTokens>,
  ) {
    const id = (role: string, token: string) => {
      const found = vocab.get(token);
      if (found === undefined) {
        throw new Error(
          `The tokenizer's ${role} token ${JSON.stringify(token)} is not in vocab.json: ` +
            `this does not look like a CLIP tokenizer. Check the pipeline's tokenizer folder.`,
        );
      }
      return found;
    };
    this.startId = id('start', special.bos_token);
    this.endId = id('end', special.eos_token);
    this.padId = id('pad', special.pad_token);
    this.unknownId = id('unknown', special.unk_token);
  }

  /** Builds a tokenizer from file contents; special_tokens_map.json wins over tokenizer_config.json. */
  static fromFiles(files: ClipTokenizerFiles): ClipTokenizer {
    const special: Required<SpecialTokens> = {
      bos_token: START_OF_TEXT,
      eos_token: END_OF_TEXT,
      pad_token: END_OF_TEXT,
      unk_token: END_OF_TEXT,
      ...readSpecialTokens(files.tokenizerConfig, 'tokenizer_config.json'),
      ...readSpecialTokens(files.specialTokensMap, 'special_tokens_map.json'),
    };
    return new ClipTokenizer(readVocab(files.vocabJson), parseMerges(files.mergesTxt), special);
  }

  /** The BPE tokens of a prompt, without bos/eos: "a photo" → ["a</w>", "photo</w>"]. */
  tokenize(text: string): string[] {
    return preTokens(cleanText(text)).flatMap((word) => this.bpe(word));
  }

  /** The ids of a prompt's tokens, without bos/eos, padding or truncation. */
  encodeWords(text: string): number[] {
    return this.tokenize(text).map((token) => this.vocab.get(token) ?? this.unknownId);
  }

  /** A prompt as the text encoder's input_ids. */
  encode(text: string): EncodedPrompt {
    return this.frame(this.encodeWords(text));
  }

  /** Wraps prompt token ids in bos … eos, keeping the first 75, and pads to 77. */
  frame(words: readonly number[]): EncodedPrompt {
    const kept = words.slice(0, this.maxLength - 2);
    const ids = new Int32Array(this.maxLength).fill(this.padId);
    ids[0] = this.startId;
    ids.set(kept, 1);
    ids[kept.length + 1] = this.endId;
    return { ids, length: kept.length + 2, truncated: words.length - kept.length };
  }

  /** The id of a BPE token such as ",</w>", if the vocabulary has it. */
  tokenId(token: string): number | undefined {
    return this.vocab.get(token);
  }

  private bpe(word: string): string[] {
    if (word === START_OF_TEXT || word === END_OF_TEXT) return [word];
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const tokens = bpeWord(toByteSymbols(word), this.ranks);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, tokens);
    return tokens;
  }
}
