/**
 * Reads a model's metadata_props (ModelProto field 14) back from its bytes, so
 * fixture tests can check what the builder wrote; onnxruntime-node does not
 * expose them. Walks the top-level fields only.
 */
const textDecoder = new TextDecoder();

interface Field {
  number: number;
  /** The payload of a length-delimited field; undefined for other wire types. */
  bytes: Uint8Array | undefined;
}

function* fields(bytes: Uint8Array): Generator<Field> {
  let offset = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[offset++];
      if (byte === undefined) throw new Error('ONNX metadata: truncated varint');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (offset < bytes.length) {
    const tag = varint();
    const wireType = tag % 8;
    const number = Math.floor(tag / 8);
    if (wireType === 0) {
      varint();
      yield { number, bytes: undefined };
    } else if (wireType === 2) {
      const length = varint();
      yield { number, bytes: bytes.subarray(offset, offset + length) };
      offset += length;
    } else if (wireType === 1 || wireType === 5) {
      offset += wireType === 1 ? 8 : 4;
      yield { number, bytes: undefined };
    } else throw new Error(`ONNX metadata: unsupported wire type ${wireType}`);
  }
}

export function readModelMetadata(model: Uint8Array): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const field of fields(model)) {
    if (field.number !== 14 || !field.bytes) continue;
    let key = '';
    let value = '';
    for (const entry of fields(field.bytes)) {
      if (entry.number === 1 && entry.bytes) key = textDecoder.decode(entry.bytes);
      if (entry.number === 2 && entry.bytes) value = textDecoder.decode(entry.bytes);
    }
    metadata[key] = value;
  }
  return metadata;
}
