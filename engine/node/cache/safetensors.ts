/**
 * The safetensors format (https://github.com/huggingface/safetensors), written
 * and read exactly as the reference implementation does:
 *
 *   u64 little-endian N | N bytes of UTF-8 JSON header | tensor bytes
 *
 * The header maps each tensor name to { dtype, shape, data_offsets: [begin, end] }
 * (offsets relative to the start of the data) plus an optional "__metadata__"
 * object of string → string. It is padded with spaces so the data starts on an
 * 8-byte boundary. Tensor bytes are little-endian, row-major.
 *
 * The decoder trusts nothing: every inconsistency throws SafetensorsFormatError,
 * which is how the disk cache recognises a damaged file.
 */
import { DTYPES, Tensor, bytesPerElement, elementCount, type DType } from '../../common/tensor.ts';

export class SafetensorsFormatError extends Error {
  constructor(problem: string) {
    super(`Not a valid safetensors file: ${problem}`);
    this.name = 'SafetensorsFormatError';
  }
}

export interface SafetensorsContents {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

const FORMAT_NAMES: Record<DType, string> = {
  float32: 'F32',
  float16: 'F16',
  float64: 'F64',
  int8: 'I8',
  uint8: 'U8',
  int32: 'I32',
  int64: 'I64',
  bool: 'BOOL',
};
const DTYPE_BY_FORMAT_NAME = new Map<string, DType>(DTYPES.map((d) => [FORMAT_NAMES[d], d]));

const METADATA_KEY = '__metadata__';
/** The reference implementation's limit; a larger header is damage, not data. */
const MAX_HEADER_BYTES = 100_000_000;
const HEADER_FIELDS = ['dtype', 'shape', 'data_offsets'];

/** Typed arrays use the machine's byte order; the format fixes little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function assertLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new Error('safetensors support needs a little-endian machine.');
}

/**
 * Tensors are laid out widest dtype first, then by name, so each one starts
 * at a multiple of its element size (the data itself starts 8-aligned) and
 * decodes without a copy. The output depends only on the contents.
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, Tensor>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const parts = encodeSafetensorsParts(tensors, metadata);
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const file = new Uint8Array(length);
  let position = 0;
  for (const part of parts) {
    file.set(part, position);
    position += part.byteLength;
  }
  return file;
}

/**
 * The same file as encodeSafetensors, as the pieces to write one after the
 * other: the length and header, then each tensor's bytes as a view of its
 * data, not a copy (a writer hands them to writev). The views share memory
 * with the tensors, which are never mutated ([X10]).
 */
export function encodeSafetensorsParts(
  tensors: ReadonlyMap<string, Tensor>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array[] {
  assertLittleEndian();
  const names = [...tensors.keys()].sort((a, b) => {
    const widthOrder =
      bytesPerElement((tensors.get(b) as Tensor).dtype) -
      bytesPerElement((tensors.get(a) as Tensor).dtype);
    return widthOrder !== 0 ? widthOrder : a < b ? -1 : a > b ? 1 : 0;
  });

  const header: Record<string, unknown> = {};
  if (metadata !== undefined && Object.keys(metadata).length > 0) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string')
        throw new Error(`safetensors metadata "${key}" must be a string, got ${typeof value}.`);
    }
    header[METADATA_KEY] = Object.fromEntries(
      Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
  let offset = 0;
  for (const name of names) {
    if (name === METADATA_KEY)
      throw new Error(`"${METADATA_KEY}" is reserved in safetensors and cannot name a tensor.`);
    const tensor = tensors.get(name) as Tensor;
    const end = offset + tensor.byteLength;
    header[name] = {
      dtype: FORMAT_NAMES[tensor.dtype],
      shape: tensor.dims,
      data_offsets: [offset, end],
    };
    offset = end;
  }

  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.byteLength / 8) * 8;
  const head = new Uint8Array(8 + headerLength);
  new DataView(head.buffer).setBigUint64(0, BigInt(headerLength), true);
  head.set(json, 8);
  head.fill(0x20, 8 + json.byteLength);
  return [head, ...names.map((name) => (tensors.get(name) as Tensor).bytes())];
}

interface Entry {
  name: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Tensors share memory with `bytes` where their data is aligned for their
 * dtype (always, for files this module wrote); unaligned ones are copied.
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents {
  assertLittleEndian();
  if (bytes.byteLength < 8) {
    throw new SafetensorsFormatError(
      `the file is ${bytes.byteLength} bytes long, shorter than its 8-byte header length.`,
    );
  }
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(bytes.byteLength - 8)) {
    throw new SafetensorsFormatError(
      `the header length ${declared} is beyond the end of the file (${bytes.byteLength} bytes).`,
    );
  }
  const headerLength = Number(declared);
  if (headerLength > MAX_HEADER_BYTES) {
    throw new SafetensorsFormatError(`the header length ${headerLength} is implausibly large.`);
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    throw new SafetensorsFormatError('the header is not valid UTF-8.');
  }
  if (!text.startsWith('{')) throw new SafetensorsFormatError('the header is not a JSON object.');
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new SafetensorsFormatError(`the header is not valid JSON (${(error as Error).message}).`);
  }
  if (!isRecord(header)) throw new SafetensorsFormatError('the header is not a JSON object.');

  const metadata = readMetadata(header[METADATA_KEY]);
  const entries: Entry[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name !== METADATA_KEY) entries.push(readEntry(name, info));
  }

  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  checkLayout(entries, dataLength);

  const tensors = new Map<string, Tensor>();
  for (const entry of entries) {
    const data = bytes.subarray(dataStart + entry.begin, dataStart + entry.end);
    tensors.set(entry.name, Tensor.fromBytes(entry.dtype, entry.shape, data));
  }
  return { tensors, metadata };
}

function readMetadata(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new SafetensorsFormatError(`"${METADATA_KEY}" is not an object.`);
  const metadata: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string')
      throw new SafetensorsFormatError(`metadata "${key}" is not a string.`);
    metadata[key] = item;
  }
  return metadata;
}

function readEntry(name: string, info: unknown): Entry {
  const problem = (what: string): SafetensorsFormatError =>
    new SafetensorsFormatError(`tensor "${name}" ${what}.`);
  if (!isRecord(info)) throw problem('is not described by an object');
  for (const field of Object.keys(info)) {
    if (!HEADER_FIELDS.includes(field)) throw problem(`has an unexpected field "${field}"`);
  }
  const { dtype: formatName, shape, data_offsets: offsets } = info;
  if (typeof formatName !== 'string') throw problem('has no dtype');
  const dtype = DTYPE_BY_FORMAT_NAME.get(formatName);
  if (dtype === undefined) {
    throw problem(
      `has dtype ${JSON.stringify(formatName)}, which Weft does not read ` +
        `(it reads ${[...DTYPE_BY_FORMAT_NAME.keys()].join(', ')})`,
    );
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw problem('has a shape that is not a list of whole numbers ≥ 0');
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw problem('has data_offsets that are not two whole numbers ≥ 0');
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw problem(`ends (${end}) before it begins (${begin})`);
  const expected = elementCount(shape) * bytesPerElement(dtype);
  if (!Number.isSafeInteger(expected) || end - begin !== expected) {
    throw problem(
      `spans ${end - begin} bytes, but ${formatName} [${shape.join(', ')}] needs ${expected}`,
    );
  }
  return { name, dtype, shape, begin, end };
}

/** Tensors must tile the data exactly: no overlap, no gap, nothing after. */
function checkLayout(entries: Entry[], dataLength: number): void {
  const ordered = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let position = 0;
  for (const entry of ordered) {
    if (entry.end > dataLength) {
      throw new SafetensorsFormatError(
        `tensor "${entry.name}" ends at byte ${entry.end}, beyond the end of the data ` +
          `(${count(dataLength, 'byte')}).`,
      );
    }
    if (entry.begin < position) {
      throw new SafetensorsFormatError(
        `tensor "${entry.name}" starts at byte ${entry.begin}, overlapping the tensor before it.`,
      );
    }
    if (entry.begin > position) {
      throw new SafetensorsFormatError(
        `bytes ${position}–${entry.begin} of the data belong to no tensor.`,
      );
    }
    position = entry.end;
  }
  if (position !== dataLength) {
    throw new SafetensorsFormatError(
      `the file has ${count(dataLength - position, 'byte')} after the last tensor.`,
    );
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
