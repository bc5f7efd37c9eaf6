/**
 * The attention syntax of AUTOMATIC1111's webui (modules/prompt_parser.py,
 * parse_prompt_attention), which ComfyUI users write the same way:
 *
 *   (text)       weight × 1.1        ((text)) × 1.21, and so on
 *   (text:1.3)   weight × 1.3        the number replaces the 1.1 of its own brackets
 *   [text]       weight ÷ 1.1
 *   \( \) \[ \] \\   literal characters; a backslash before anything else vanishes
 *   BREAK        (capitals, a whole word) ends the current 75-token chunk
 *
 * Nesting multiplies. Unclosed brackets apply to the end of the prompt; a
 * closing bracket without an opener is literal text. Neighbouring text with
 * exactly the same weight is joined, as in A1111, so the segments (and their
 * float64 weights) are A1111's to the last bit.
 *
 * Deliberate departures, all where A1111 misbehaves: a weight that is not a
 * number, `(a:1.2.3)`, reads as the text `:1.2.3` and a closing bracket
 * (A1111 raises an error); consecutive BREAKs each end a chunk, and so does a
 * BREAK inside brackets (A1111 turns both into the word "BREAK").
 */

export interface WeightedText {
  text: string;
  weight: number;
}

/** A BREAK: the chunk ends here. */
export interface PromptBreak {
  break: true;
}

export type PromptSegment = WeightedText | PromptBreak;

const ROUND_MULTIPLIER = 1.1;
const SQUARE_MULTIPLIER = 1 / 1.1;

/** A1111's re_attention, alternative for alternative. */
const ATTENTION = /\\\(|\\\)|\\\[|\\\]|\\\\|\\|\(|\[|:([+-]?[.\d]+)\)|\)|\]|[^\\()[\]:]+|:/g;

/** A1111's re_break; Python's `\b` and `\s` are Unicode-aware, hence the lookarounds. */
const BREAK = /\p{White_Space}*(?<![\p{L}\p{N}_])BREAK(?![\p{L}\p{N}_])\p{White_Space}*/u;

/** True for a BREAK marker. */
export function isBreak(segment: PromptSegment): segment is PromptBreak {
  return 'break' in segment;
}

/** Parses a prompt into weighted text and BREAK markers (never an empty list). */
export function parsePromptWeights(prompt: string): PromptSegment[] {
  const result: PromptSegment[] = [];
  const roundOpen: number[] = [];
  const squareOpen: number[] = [];

  const multiplyFrom = (start: number, multiplier: number) => {
    for (let index = start; index < result.length; index++) {
      const segment = result[index]!;
      if (!isBreak(segment)) segment.weight *= multiplier;
    }
  };
  const addText = (text: string) => {
    text.split(BREAK).forEach((part, index) => {
      if (index > 0) result.push({ break: true });
      result.push({ text: part, weight: 1 });
    });
  };
  const close = (token: string): boolean => {
    if (token === ')' && roundOpen.length > 0) multiplyFrom(roundOpen.pop()!, ROUND_MULTIPLIER);
    else if (token === ']' && squareOpen.length > 0)
      multiplyFrom(squareOpen.pop()!, SQUARE_MULTIPLIER);
    else return false;
    return true;
  };

  for (const match of prompt.matchAll(ATTENTION)) {
    const token = match[0];
    const number = match[1];
    if (token.startsWith('\\')) result.push({ text: token.slice(1), weight: 1 });
    else if (token === '(') roundOpen.push(result.length);
    else if (token === '[') squareOpen.push(result.length);
    else if (number !== undefined && roundOpen.length > 0) {
      const weight = Number(number);
      if (Number.isNaN(weight)) {
        addText(`:${number}`);
        close(')');
      } else {
        multiplyFrom(roundOpen.pop()!, weight);
      }
    } else if (!close(token)) addText(token);
  }
  for (const start of roundOpen) multiplyFrom(start, ROUND_MULTIPLIER);
  for (const start of squareOpen) multiplyFrom(start, SQUARE_MULTIPLIER);
  if (result.length === 0) result.push({ text: '', weight: 1 });

  // Join neighbours of exactly equal weight (never across a BREAK).
  const joined: PromptSegment[] = [];
  for (const segment of result) {
    const previous = joined[joined.length - 1];
    if (
      previous !== undefined &&
      !isBreak(previous) &&
      !isBreak(segment) &&
      previous.weight === segment.weight
    ) {
      previous.text += segment.text;
    } else {
      joined.push(segment);
    }
  }
  return joined;
}
