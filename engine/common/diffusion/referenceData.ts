/**
 * Helpers for comparing float32 results with reference data written as hex
 * bit patterns (the *.reference.ts files beside the tests). Pure.
 */

/** The float32 bit patterns of `values` (rounded to float32 first) as 8-digit hex. */
export function float32Hex(values: ArrayLike<number>): string[] {
  const data = Float32Array.from(values);
  return Array.from(new Uint32Array(data.buffer), (bits) => bits.toString(16).padStart(8, '0'));
}

/** A reference string of whitespace-separated hex words, as a list. */
export function hexWords(reference: string): string[] {
  return reference.trim().split(/\s+/);
}

/** The float32 values of a reference string of hex words. */
export function hexFloats(reference: string): number[] {
  const bits = Uint32Array.from(hexWords(reference), (word) => Number.parseInt(word, 16));
  return Array.from(new Float32Array(bits.buffer));
}

/** FNV-1a (32-bit) of the little-endian bytes of float32 data, as 8-digit hex. */
export function fnv1aFloat32(values: Float32Array): string {
  let hash = 0x811c9dc5;
  for (const byte of new Uint8Array(values.buffer, values.byteOffset, values.byteLength)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
