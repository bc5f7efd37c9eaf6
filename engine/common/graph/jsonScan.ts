/**
 * A strict JSON scanner that reports where a text stops being JSON, and the
 * first key repeated inside one object. JSON.parse does neither: some V8
 * messages carry no position ("Unexpected token 'x', …"), and it silently
 * keeps the last of two equal keys, which would drop a node from a
 * hand-merged graph. Offsets match the ones V8 reports. Iterative, so deep
 * nesting cannot overflow the stack.
 */

export type JsonScanResult =
  | { kind: 'valid' }
  | { kind: 'syntax'; offset: number }
  | { kind: 'duplicate'; offset: number; key: string; path: (string | number)[] };

type ObjectFrame = { kind: 'object'; keys: Set<string>; key: string };
type Frame = ObjectFrame | { kind: 'array'; index: number };

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX_DIGIT = /^[0-9a-fA-F]$/;

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

export function scanJson(text: string): JsonScanResult {
  const stack: Frame[] = [];
  let position = 0;

  const skipWhitespace = (): void => {
    while (position < text.length && WHITESPACE.has(text[position]!)) position += 1;
  };

  /** Scans a string from its opening quote; false leaves `position` at the bad character. */
  const scanString = (): boolean => {
    if (text[position] !== '"') return false;
    position += 1;
    while (position < text.length) {
      const character = text[position]!;
      if (character === '"') {
        position += 1;
        return true;
      }
      if (character < ' ') return false;
      position += 1;
      if (character !== '\\') continue;
      if (SIMPLE_ESCAPES.has(text[position] ?? '')) {
        position += 1;
      } else if (text[position] === 'u') {
        for (let digit = 0; digit < 4; digit += 1) {
          position += 1;
          if (!HEX_DIGIT.test(text[position] ?? '')) return false;
        }
        position += 1;
      } else {
        return false;
      }
    }
    return false;
  };

  /** Scans a run of digits; false when there is none. */
  const scanDigits = (): boolean => {
    if (!isDigit(text[position])) return false;
    while (isDigit(text[position])) position += 1;
    return true;
  };

  /** Scans a number; false leaves `position` where it breaks off. */
  const scanNumber = (): boolean => {
    if (text[position] === '-') position += 1;
    if (text[position] === '0') position += 1;
    else if (!scanDigits()) return false;
    if (text[position] === '.') {
      position += 1;
      if (!scanDigits()) return false;
    }
    if (text[position] === 'e' || text[position] === 'E') {
      position += 1;
      if (text[position] === '+' || text[position] === '-') position += 1;
      if (!scanDigits()) return false;
    }
    return true;
  };

  /** Scans `"key" :` of an object member; returns a result when it fails. */
  const scanKey = (frame: ObjectFrame): JsonScanResult | undefined => {
    const start = position;
    if (!scanString()) return { kind: 'syntax', offset: position };
    const key = JSON.parse(text.slice(start, position)) as string;
    if (frame.keys.has(key)) {
      return { kind: 'duplicate', offset: start, key, path: [...pathTo(stack), key] };
    }
    frame.keys.add(key);
    frame.key = key;
    skipWhitespace();
    if (text[position] !== ':') return { kind: 'syntax', offset: position };
    position += 1;
    return undefined;
  };

  for (;;) {
    // A value starts here.
    skipWhitespace();
    const character = text[position];
    if (character === '{' || character === '[') {
      position += 1;
      skipWhitespace();
      if (text[position] === (character === '{' ? '}' : ']')) {
        position += 1;
      } else if (character === '[') {
        stack.push({ kind: 'array', index: 0 });
        continue;
      } else {
        const frame: ObjectFrame = { kind: 'object', keys: new Set(), key: '' };
        stack.push(frame);
        const failure = scanKey(frame);
        if (failure) return failure;
        continue;
      }
    } else if (character === '"') {
      if (!scanString()) return { kind: 'syntax', offset: position };
    } else if (character === '-' || isDigit(character)) {
      if (!scanNumber()) return { kind: 'syntax', offset: position };
    } else {
      const literal = ['true', 'false', 'null'].find((word) => word[0] === character);
      if (literal === undefined) return { kind: 'syntax', offset: position };
      for (const expected of literal) {
        if (text[position] !== expected) return { kind: 'syntax', offset: position };
        position += 1;
      }
    }

    // A value ended: close containers, or move on to the next member.
    for (;;) {
      skipWhitespace();
      const frame = stack.at(-1);
      if (frame === undefined) {
        return position === text.length ? { kind: 'valid' } : { kind: 'syntax', offset: position };
      }
      const next = text[position];
      if (next === (frame.kind === 'object' ? '}' : ']')) {
        position += 1;
        stack.pop();
        continue;
      }
      if (next !== ',') return { kind: 'syntax', offset: position };
      position += 1;
      if (frame.kind === 'array') {
        frame.index += 1;
      } else {
        skipWhitespace();
        const failure = scanKey(frame);
        if (failure) return failure;
      }
      break;
    }
  }
}

/** The path to the innermost container: each enclosing frame's current key or index. */
function pathTo(stack: readonly Frame[]): (string | number)[] {
  return stack.slice(0, -1).map((frame) => (frame.kind === 'object' ? frame.key : frame.index));
}
