/**
 * A streaming protobuf reader for ONNX files. Real UNets are gigabytes, most
 * of it initializer bytes, so the file is never loaded: field headers are read
 * with positioned reads through a small window, and a length-delimited field
 * is only read when the caller asks for it (small messages: value infos,
 * metadata) or walked field by field (the model, the graph, an initializer);
 * everything else is skipped by its length.
 *
 * Only the wire format is known here; inspect.ts knows what the fields mean.
 * Corrupt files fail with a message naming the byte offset, never with a huge
 * allocation: a field read into memory is capped (MAX_MESSAGE_BYTES).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

export type WireType = 0 | 1 | 2 | 5;

export interface ProtoField {
  readonly number: number;
  readonly wireType: WireType;
  /** Offset of the value (after the tag, and after the length for wire type 2). */
  readonly start: number;
  /** Offset just past the value. */
  readonly end: number;
  /** The decoded value of a varint field; 0 otherwise. Values beyond 2^53 lose precision. */
  readonly varint: number;
}

/** Anything read whole into memory (a value info, an opset entry) must be smaller than this. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const WINDOW_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 20; // a tag varint (≤ 5 bytes) and a length varint (≤ 10 bytes)

export class ProtoFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtoFormatError';
  }
}

/** Random-access bytes: a file read through a window, or a buffer already in memory. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export class MemorySource implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.subarray(offset, Math.min(offset + length, this.bytes.length));
  }
}

export class FileSource implements ByteSource {
  /** Bytes read from disk so far: proves large fields are skipped, not read. */
  bytesRead = 0;
  #window = new Uint8Array(0);
  #windowOffset = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileSource> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      return new FileSource(handle, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.size);
    const windowEnd = this.#windowOffset + this.#window.length;
    if (offset >= this.#windowOffset && end <= windowEnd) {
      return this.#window.subarray(offset - this.#windowOffset, end - this.#windowOffset);
    }
    const size = Math.max(end - offset, Math.min(WINDOW_BYTES, this.size - offset));
    const buffer = new Uint8Array(Math.max(size, 0));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await this.handle.read(
        buffer,
        filled,
        buffer.length - filled,
        offset + filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    this.bytesRead += filled;
    this.#window = buffer.subarray(0, filled);
    this.#windowOffset = offset;
    return this.#window.subarray(0, Math.min(end - offset, filled));
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Reads a varint at `offset` in `bytes`; returns its value and length. */
function readVarint(
  bytes: Uint8Array,
  offset: number,
  at: number,
): { value: number; length: number } {
  let value = 0;
  let scale = 1;
  for (let index = 0; index < 10; index++) {
    const byte = bytes[offset + index];
    if (byte === undefined) break;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      // Negative int64 values are written as 10-byte two's complement.
      return { value: value >= 2 ** 63 ? value - 2 ** 64 : value, length: index + 1 };
    }
  }
  throw new ProtoFormatError(`a varint at byte ${at} is cut off or too long`);
}

/** The fields of the message occupying [start, end) of the source, in file order. */
export async function* readFields(
  source: ByteSource,
  start = 0,
  end = source.size,
): AsyncGenerator<ProtoField> {
  let offset = start;
  while (offset < end) {
    const header = await source.read(offset, Math.min(MAX_HEADER_BYTES, end - offset));
    const field = parseField(header, offset, end);
    yield field;
    offset = field.end;
  }
}

/** The fields of a message already in memory (small messages read whole). */
export function* decodeFields(bytes: Uint8Array): Generator<ProtoField> {
  let offset = 0;
  while (offset < bytes.length) {
    const field = parseField(bytes.subarray(offset), offset, bytes.length);
    yield field;
    offset = field.end;
  }
}

/** Parses one field header found at `at` (header holds its first bytes). */
function parseField(header: Uint8Array, at: number, limit: number): ProtoField {
  const tag = readVarint(header, 0, at);
  const number = Math.floor(tag.value / 8);
  const wireType = tag.value % 8;
  const valueStart = at + tag.length;
  if (number < 1)
    throw new ProtoFormatError(`field number 0 at byte ${at}: not a protobuf message`);
  let field: ProtoField;
  switch (wireType) {
    case 0: {
      const varint = readVarint(header, tag.length, valueStart);
      field = {
        number,
        wireType,
        start: valueStart,
        end: valueStart + varint.length,
        varint: varint.value,
      };
      break;
    }
    case 1:
      field = { number, wireType, start: valueStart, end: valueStart + 8, varint: 0 };
      break;
    case 5:
      field = { number, wireType, start: valueStart, end: valueStart + 4, varint: 0 };
      break;
    case 2: {
      const length = readVarint(header, tag.length, valueStart);
      if (length.value < 0) throw new ProtoFormatError(`a negative length at byte ${at}`);
      const start = valueStart + length.length;
      field = { number, wireType, start, end: start + length.value, varint: 0 };
      break;
    }
    default:
      throw new ProtoFormatError(
        `unsupported wire type ${wireType} at byte ${at}: not an ONNX file`,
      );
  }
  if (field.end > limit) {
    throw new ProtoFormatError(
      `field ${number} at byte ${at} runs past the end of its message (byte ${limit})`,
    );
  }
  return field;
}

/** Reads a length-delimited field whole (capped at MAX_MESSAGE_BYTES). */
export async function readBytes(source: ByteSource, field: ProtoField): Promise<Uint8Array> {
  const length = field.end - field.start;
  if (length > MAX_MESSAGE_BYTES) {
    throw new ProtoFormatError(
      `field ${field.number} at byte ${field.start} is ${length} bytes, more than the ${MAX_MESSAGE_BYTES} allowed here`,
    );
  }
  const bytes = await source.read(field.start, length);
  if (bytes.length !== length)
    throw new ProtoFormatError(`the file ends inside field ${field.number}`);
  return bytes.slice(); // the window is reused by the next read
}

const textDecoder = new TextDecoder();

export function decodeString(bytes: Uint8Array, field: ProtoField, base = 0): string {
  return textDecoder.decode(bytes.subarray(field.start - base, field.end - base));
}
