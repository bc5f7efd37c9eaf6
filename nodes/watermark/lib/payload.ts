// Watermark payloads: what an artist types (text, hex or a bit string) as the
// bit sequence the methods embed, and back. Bits are numbers 0/1, most
// significant bit of each byte first (numpy.unpackbits, which the
// invisible-watermark library uses for its 'bytes' and 'b16' payloads).

/** SDXL's dwtDct payload (diffusers' StableDiffusionXLWatermarker). */
export const SDXL_WATERMARK_BITS = '101100111110110010010000011110111011000110011110';

export type PayloadKind = 'text' | 'hex' | 'bits';

export function bitsFromBytes(bytes: Uint8Array): number[] {
  const bits: number[] = [];
  for (const byte of bytes) {
    for (let shift = 7; shift >= 0; shift--) bits.push((byte >> shift) & 1);
  }
  return bits;
}

/** Packs bits into bytes, most significant first; a partial last byte is padded with zeros. */
export function bitsToBytes(bits: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((bit, index) => {
    if (bit) bytes[index >> 3] = (bytes[index >> 3] ?? 0) | (0x80 >> (index & 7));
  });
  return bytes;
}

/** '1011 0011…' → bits; spaces, underscores and commas are ignored. */
export function bitsFromBitString(text: string): number[] {
  const cleaned = text.replace(/[\s_,]/g, '');
  if (cleaned.length === 0) throw new Error('The bit payload is empty; type some 0s and 1s.');
  const bad = /[^01]/.exec(cleaned);
  if (bad) {
    throw new Error(
      `The bit payload may only contain 0 and 1, but it contains "${bad[0]}"; remove it.`,
    );
  }
  return Array.from(cleaned, (character) => (character === '1' ? 1 : 0));
}

export function bitsToBitString(bits: readonly number[]): string {
  return bits.map((bit) => (bit ? '1' : '0')).join('');
}

/** 'b3ec…' (optionally 0x-prefixed, any case) → bits, 4 per digit; whole bytes only. */
export function bitsFromHex(text: string): number[] {
  const cleaned = text.replace(/\s/g, '').replace(/^0x/i, '');
  if (cleaned.length === 0)
    throw new Error('The hex payload is empty; type some hex digits (0-9, a-f).');
  const bad = /[^0-9a-f]/i.exec(cleaned);
  if (bad) {
    throw new Error(
      `The hex payload may only contain 0-9 and a-f, but it contains "${bad[0]}"; remove it.`,
    );
  }
  if (cleaned.length % 2 !== 0) {
    throw new Error(
      `The hex payload has ${cleaned.length} digits; use an even number (two per byte).`,
    );
  }
  const bytes = new Uint8Array(cleaned.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(cleaned.slice(2 * index, 2 * index + 2), 16);
  }
  return bitsFromBytes(bytes);
}

/** Bits → lowercase hex; the bit count must be a multiple of 8. */
export function bitsToHex(bits: readonly number[]): string {
  if (bits.length % 8 !== 0) {
    throw new Error(
      `${bits.length} bits are not whole bytes, so they have no hex form; show them as bits.`,
    );
  }
  return Array.from(bitsToBytes(bits), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Text → its UTF-8 bytes' bits. */
export function bitsFromText(text: string): number[] {
  if (text.length === 0) throw new Error('The text payload is empty; type the text to hide.');
  return bitsFromBytes(new TextEncoder().encode(text));
}

/** Bits → UTF-8 text; undecodable bytes become U+FFFD (a damaged mark still shows). */
export function bitsToText(bits: readonly number[]): string {
  if (bits.length % 8 !== 0) {
    throw new Error(
      `${bits.length} bits are not whole bytes, so they are not text; show them as bits.`,
    );
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bitsToBytes(bits));
}

/** The payload an artist typed, as bits. */
export function parsePayload(kind: PayloadKind, value: string): number[] {
  switch (kind) {
    case 'text':
      return bitsFromText(value);
    case 'hex':
      return bitsFromHex(value);
    case 'bits':
      return bitsFromBitString(value);
    default:
      throw new Error(`Unknown payload kind "${String(kind)}"; use text, hex or bits.`);
  }
}

/** Bits in the form the payload was typed. */
export function formatPayload(kind: PayloadKind, bits: readonly number[]): string {
  if (kind === 'text') return bitsToText(bits);
  if (kind === 'hex') return bitsToHex(bits);
  return bitsToBitString(bits);
}
