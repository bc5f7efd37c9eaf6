import { describe, expect, it } from 'vitest';
import {
  bitsFromBitString,
  bitsFromHex,
  bitsFromText,
  bitsToBitString,
  bitsToHex,
  bitsToText,
  formatPayload,
  parsePayload,
  SDXL_WATERMARK_BITS,
} from './payload.ts';

describe('watermark payloads', () => {
  it('reads SDXL’s bit string and writes it as hex (b3ec907bb19e)', () => {
    const bits = bitsFromBitString(SDXL_WATERMARK_BITS);
    expect(bits.length).toBe(48);
    expect(bitsToHex(bits)).toBe('b3ec907bb19e');
    expect(bitsToBitString(bitsFromHex('0xB3EC 907B B19E'))).toBe(SDXL_WATERMARK_BITS);
  });

  it('packs text as UTF-8, most significant bit first (numpy.unpackbits)', () => {
    // 'W' = 0x57, 'é' = 0xc3 0xa9
    expect(bitsToBitString(bitsFromText('Wé'))).toBe('010101111100001110101001');
    expect(bitsToText(bitsFromText('weft ✓'))).toBe('weft ✓');
    expect(formatPayload('text', parsePayload('text', 'hi'))).toBe('hi');
    expect(formatPayload('hex', parsePayload('hex', '00ff'))).toBe('00ff');
    expect(formatPayload('bits', parsePayload('bits', '1 0_1'))).toBe('101');
  });

  it('explains bad input', () => {
    expect(() => bitsFromBitString('10201')).toThrow(/only contain 0 and 1.*"2"/);
    expect(() => bitsFromBitString('  ')).toThrow(/empty/);
    expect(() => bitsFromHex('abc')).toThrow(/even number/);
    expect(() => bitsFromHex('zz')).toThrow(/0-9 and a-f.*"z"/);
    expect(() => bitsFromText('')).toThrow(/empty/);
    expect(() => bitsToHex([1, 0, 1])).toThrow(/not whole bytes/);
  });
});
