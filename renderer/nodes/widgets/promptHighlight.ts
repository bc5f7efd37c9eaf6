/**
 * Where the weights are in a prompt, for the prompt editor's highlighting:
 * the same attention syntax the text encoder reads (engine/common/prompt/
 * weightSyntax.ts, A1111's): "(word)" × 1.1, "(word:1.3)" × 1.3, "[word]"
 * ÷ 1.1, nesting multiplies, "\(" is a literal bracket, an unclosed bracket
 * runs to the end, a stray closing one is text, "BREAK" ends a chunk. The
 * parser there gives weights without positions; this keeps positions.
 */

export type PromptSpanKind = 'text' | 'bracket' | 'weight' | 'break';

export interface PromptSpan {
  text: string;
  kind: PromptSpanKind;
  /** The weight the encoder gives this text (1 = neutral). */
  weight: number;
}

interface Pair {
  open: number;
  close: number; // exclusive end of the whole group; text.length when unclosed
  multiplier: number;
  /** Start of ":1.3" inside the group, when it has an explicit weight. */
  weightAt?: number;
}

const EXPLICIT_WEIGHT = /:([+-]?[.\d]+)$/;

export function highlightPrompt(prompt: string): PromptSpan[] {
  const kinds: PromptSpanKind[] = new Array<PromptSpanKind>(prompt.length).fill('text');
  const pairs: Pair[] = [];
  const stack: { char: string; index: number }[] = [];
  for (let i = 0; i < prompt.length; i++) {
    const char = prompt[i]!;
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (char === '(' || char === '[') {
      stack.push({ char, index: i });
    } else if (char === ')' || char === ']') {
      const opener = char === ')' ? '(' : '[';
      if (stack.at(-1)?.char !== opener) continue; // a stray closing bracket is text
      const { index } = stack.pop()!;
      kinds[index] = 'bracket';
      kinds[i] = 'bracket';
      const pair: Pair = { open: index, close: i + 1, multiplier: char === ')' ? 1.1 : 1 / 1.1 };
      const explicit = char === ')' ? EXPLICIT_WEIGHT.exec(prompt.slice(index + 1, i)) : null;
      const value = explicit ? Number(explicit[1]) : NaN;
      if (explicit && Number.isFinite(value)) {
        pair.multiplier = value;
        pair.weightAt = i - explicit[0].length;
        for (let k = pair.weightAt; k < i; k++) kinds[k] = 'weight';
      }
      pairs.push(pair);
    }
  }
  for (const open of stack) {
    kinds[open.index] = 'bracket';
    pairs.push({
      open: open.index,
      close: prompt.length,
      multiplier: open.char === '(' ? 1.1 : 1 / 1.1,
    });
  }
  for (const match of prompt.matchAll(/(?<![\p{L}\p{N}_])BREAK(?![\p{L}\p{N}_])/gu)) {
    for (let k = match.index; k < match.index + 5; k++) kinds[k] = 'break';
  }

  const weights = new Array<number>(prompt.length).fill(1);
  for (const pair of pairs) {
    for (let k = pair.open + 1; k < pair.close; k++) weights[k]! *= pair.multiplier;
  }

  const spans: PromptSpan[] = [];
  for (let i = 0; i < prompt.length; i++) {
    const kind = kinds[i]!;
    // Brackets and numbers show the weight of what is around them, not their own.
    const weight = kind === 'text' ? round(weights[i]!) : 1;
    const last = spans.at(-1);
    if (last && last.kind === kind && last.weight === weight) last.text += prompt[i];
    else spans.push({ text: prompt[i]!, kind, weight });
  }
  return spans;
}

function round(weight: number): number {
  return Math.round(weight * 1000) / 1000;
}
