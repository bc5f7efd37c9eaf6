/**
 * PNG text chunks, read and written without any Node built-in, so the same
 * code embeds the graph in saved PNGs (engine) and reads it back from a PNG
 * dropped on the canvas (browser).
 *
 * Reading understands tEXt (Latin-1) and uncompressed iTXt (UTF-8); zTXt and
 * compressed iTXt need inflate, which pure code has no synchronous way to do,
 * so they are skipped. Writing always uses uncompressed iTXt, so any Unicode
 * text survives. Chunk layout and CRC: PNG specification (W3C, 3rd ed.) §5.3.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10] as const;
const KEYWORD_MAX_BYTES = 79;

const CRC_TABLE = buildCrcTable();

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320) as PNG uses it. */
export function crc32(bytes: Uint8Array, initial = 0): number {
  let c = (initial ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((byte, i) => bytes[i] === byte);
}

interface Chunk {
  type: string;
  /** Offset of the length field; the chunk spans [start, end). */
  start: number;
  end: number;
  data: Uint8Array;
  crcValid: boolean;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 24) |
      (bytes[offset + 1]! << 16) |
      (bytes[offset + 2]! << 8) |
      bytes[offset + 3]!) >>>
    0
  );
}

function* chunks(png: Uint8Array): Generator<Chunk> {
  if (!isPng(png)) {
    throw new Error('This file is not a PNG image (it does not start with the PNG signature).');
  }
  let offset: number = SIGNATURE.length;
  while (offset < png.length) {
    if (offset + 12 > png.length)
      throw new Error('This PNG is truncated: a chunk header is cut off.');
    const length = readUint32(png, offset);
    const end = offset + 12 + length;
    if (end > png.length)
      throw new Error('This PNG is truncated: a chunk runs past the end of the file.');
    const typeBytes = png.subarray(offset + 4, offset + 8);
    const type = String.fromCharCode(...typeBytes);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crcValid =
      crc32(png.subarray(offset + 4, offset + 8 + length)) === readUint32(png, offset + 8 + length);
    yield { type, start: offset, end, data, crcValid };
    if (type === 'IEND') return;
    offset = end;
  }
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
const utf8Encoder = new TextEncoder();

/** The keyword and text of a tEXt or uncompressed iTXt chunk, or null for anything else. */
function parseTextChunk(chunk: Chunk): [string, string] | null {
  const { data } = chunk;
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1) return null;
  const keyword = latin1(data.subarray(0, keywordEnd));
  if (chunk.type === 'tEXt') return [keyword, latin1(data.subarray(keywordEnd + 1))];
  if (chunk.type !== 'iTXt') return null;
  const compressed = data[keywordEnd + 1];
  if (compressed !== 0) return null;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  if (languageEnd < 0) return null;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  return [keyword, utf8Decoder.decode(data.subarray(translatedEnd + 1))];
}

/**
 * Every readable text chunk of a PNG, keyword → text. When a keyword appears
 * twice the first chunk wins. Chunks whose CRC does not match are ignored.
 * Throws for data that is not a PNG or is truncated before IEND's header.
 */
export function readPngText(bytes: Uint8Array): Record<string, string> {
  const text: Record<string, string> = {};
  for (const chunk of chunks(bytes)) {
    if (!chunk.crcValid) continue;
    const entry = parseTextChunk(chunk);
    if (entry && !Object.hasOwn(text, entry[0])) text[entry[0]] = entry[1];
  }
  return text;
}

function checkKeyword(keyword: string): void {
  const valid =
    keyword.length >= 1 &&
    keyword.length <= KEYWORD_MAX_BYTES &&
    /^[\x20-\x7e\xa1-\xff]+$/.test(keyword) &&
    !keyword.startsWith(' ') &&
    !keyword.endsWith(' ') &&
    !keyword.includes('  ');
  if (!valid) {
    throw new Error(
      `"${keyword}" cannot be a PNG text keyword: use 1–79 printable Latin-1 characters, without leading, trailing or double spaces.`,
    );
  }
}

function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

function makeItxtChunk(keyword: string, text: string): Uint8Array {
  const keywordBytes = Uint8Array.from(keyword, (character) => character.charCodeAt(0));
  const textBytes = utf8Encoder.encode(text);
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text
  const data = new Uint8Array(keywordBytes.length + 5 + textBytes.length);
  data.set(keywordBytes, 0);
  data.set(textBytes, keywordBytes.length + 5);
  return makeChunk('iTXt', data);
}

function chunkKeyword(chunk: Chunk): string | null {
  if (chunk.type !== 'tEXt' && chunk.type !== 'iTXt' && chunk.type !== 'zTXt') return null;
  const keywordEnd = chunk.data.indexOf(0);
  return keywordEnd < 1 ? null : latin1(chunk.data.subarray(0, keywordEnd));
}

/**
 * A copy of `png` with one iTXt chunk per entry, inserted before the first
 * IDAT. Existing text chunks (tEXt, iTXt, zTXt) with the same keywords are
 * dropped, so re-saving an image never leaves a stale graph behind.
 */
export function insertPngText(png: Uint8Array, text: Readonly<Record<string, string>>): Uint8Array {
  const entries = Object.entries(text);
  for (const [keyword] of entries) checkKeyword(keyword);
  const replaced = new Set(entries.map(([keyword]) => keyword));
  const parts: Uint8Array[] = [png.subarray(0, SIGNATURE.length)];
  let inserted = false;
  let ended = false;
  for (const chunk of chunks(png)) {
    if (chunk.type === 'IDAT' && !inserted) {
      for (const [keyword, value] of entries) parts.push(makeItxtChunk(keyword, value));
      inserted = true;
    }
    if (chunk.type === 'IEND') ended = true;
    const keyword = chunkKeyword(chunk);
    if (keyword !== null && replaced.has(keyword)) continue;
    parts.push(png.subarray(chunk.start, chunk.end));
  }
  if (!inserted || !ended) {
    throw new Error(
      'This PNG is incomplete (it has no image data or no end chunk), so no text can be added.',
    );
  }
  const result = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
