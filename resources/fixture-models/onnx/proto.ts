/**
 * Just enough of the protobuf wire format to write ONNX models: varints,
 * length-delimited fields, fixed 32-bit floats. Messages are built as lists
 * of encoded fields, so field order (and therefore the bytes) is exactly the
 * order the builder wrote: generated fixtures are byte-for-byte deterministic.
 */

const textEncoder = new TextEncoder();

export class ProtoWriter {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  #push(bytes: Uint8Array): void {
    this.#chunks.push(bytes);
    this.#length += bytes.length;
  }

  #varint(value: bigint | number): void {
    let v = BigInt(value);
    // Negative int64 values are written as their two's complement (10 bytes).
    if (v < 0n) v += 1n << 64n;
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v > 0n);
    this.#push(Uint8Array.from(bytes));
  }

  #tag(field: number, wireType: 0 | 1 | 2 | 5): void {
    this.#varint((field << 3) | wireType);
  }

  int(field: number, value: bigint | number): this {
    this.#tag(field, 0);
    this.#varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.#tag(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.#push(bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.#tag(field, 2);
    this.#varint(value.length);
    this.#push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }

  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** Packed repeated varints (proto3 default for repeated scalars). */
  packedInts(field: number, values: readonly (bigint | number)[]): this {
    const inner = new ProtoWriter();
    for (const value of values) inner.#varint(value);
    return this.bytes(field, inner.finish());
  }

  packedFloats(field: number, values: readonly number[]): this {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((value, index) => view.setFloat32(index * 4, value, true));
    return this.bytes(field, bytes);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}
