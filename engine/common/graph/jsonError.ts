/**
 * Turns JSON.parse's SyntaxError into an error an artist can act on: where
 * (line and column) and, when the text simply stops, that the file was cut
 * off rather than mistyped.
 */
import { scanJson } from './jsonScan.ts';
import type { GraphLoadError } from './result.ts';
import { offsetAt, positionAt } from './textPosition.ts';

const TRAILING_WHITESPACE = /[ \t\n\r]*$/;

/**
 * The offset V8 names in a JSON.parse message: "… at position 42", newer
 * V8's "… (line 3 column 7)", or the end for "Unexpected end of JSON input".
 * Undefined when the message names no place ("Unexpected token 'x', …").
 */
export function syntaxErrorOffset(text: string, message: string): number | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    return offsetAt(text, { line: Number(lineColumn[1]), column: Number(lineColumn[2]) });
  }
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (message.includes('Unexpected end of JSON input')) return text.length;
  return undefined;
}

/** `subject` names the file in messages ("title-card.weft.json", or "The file"). */
export function describeJsonError(text: string, message: string, subject: string): GraphLoadError {
  const contentEnd = text.length - (TRAILING_WHITESPACE.exec(text)?.[0].length ?? 0);
  if (contentEnd === 0) {
    return {
      code: 'TRUNCATED',
      message: `${subject} is empty: it was probably cut off while saving. Restore it from a backup or an autosave.`,
      line: 1,
      column: 1,
    };
  }
  const offset = syntaxErrorOffset(text, message) ?? fallbackOffset(text);
  if (offset >= contentEnd) {
    const end = positionAt(text, contentEnd);
    return {
      code: 'TRUNCATED',
      message: `${subject} ends early, at line ${end.line}: it was probably cut off while saving. Restore it from a backup or an autosave, or finish it by hand.`,
      line: end.line,
      column: end.column,
    };
  }
  const { line, column } = positionAt(text, offset);
  return {
    code: 'NOT_JSON',
    message: `${subject} is not valid JSON at line ${line}, column ${column}: ${reason(message, text[offset])}. Look there for a missing or extra comma, quote or bracket.`,
    line,
    column,
  };
}

function fallbackOffset(text: string): number {
  const scan = scanJson(text);
  return scan.kind === 'syntax' ? scan.offset : 0;
}

function reason(message: string, found: string | undefined): string {
  const stripped = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*(in JSON )?at position \d+/, '')
    .trim();
  if (/^Unexpected token/.test(stripped) || stripped.includes('is not valid JSON') || !stripped) {
    return found === undefined
      ? 'unexpected text'
      : `unexpected character ${JSON.stringify(found)}`;
  }
  return stripped[0]!.toLowerCase() + stripped.slice(1);
}
