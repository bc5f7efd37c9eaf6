/**
 * Offsets in a text and the line/column an editor shows for them (both
 * 1-based; a column counts UTF-16 code units, as JavaScript strings and
 * most editors do).
 */

export interface TextPosition {
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (const character of before) if (character === '\n') line += 1;
  return { line, column: before.length - lastBreak };
}

export function offsetAt(text: string, position: TextPosition): number {
  let offset = 0;
  for (let line = 1; line < position.line; line += 1) {
    const lineBreak = text.indexOf('\n', offset);
    if (lineBreak === -1) return text.length;
    offset = lineBreak + 1;
  }
  return Math.min(offset + position.column - 1, text.length);
}
