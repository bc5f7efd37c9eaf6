import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { crc32, insertPngText, isPng, readPngText } from './pngText.ts';

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

/**
 * A 1×1 red PNG written by Python's zlib/struct (an independent CRC-32), with
 * a tEXt chunk Comment = "café au lait" (Latin-1) and an iTXt chunk
 * Title = "日本" (language "en", translated keyword "Titel").
 */
const FIXTURE = hex(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de' +
    '0000001474455874436f6d6d656e7400636166e9206175206c616974dab3c143' +
    '00000017695458745469746c65000000656e00546974656c00e697a5e69cacac56bb77' +
    '0000000c49444154789c63f8cfc0000003010100c9fe92ef' +
    '0000000049454e44ae426082',
);

async function tinyPng(): Promise<Uint8Array> {
  const pixels = new Uint8Array([10, 20, 30, 40, 50, 60]);
  return new Uint8Array(
    await sharp(pixels, { raw: { width: 2, height: 1, channels: 3 } })
      .png()
      .toBuffer(),
  );
}

describe('crc32', () => {
  it('matches the published check values', () => {
    // The IEND chunk of every PNG ends with this CRC (PNG spec §5.3, 0xAE426082).
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
    // The standard check value of CRC-32/ISO-HDLC ("123456789" → 0xCBF43926).
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('continues from a previous value', () => {
    const whole = crc32(ascii('123456789'));
    expect(crc32(ascii('6789'), crc32(ascii('12345')))).toBe(whole);
  });
});

describe('readPngText', () => {
  it('reads tEXt as Latin-1 and uncompressed iTXt as UTF-8', () => {
    expect(readPngText(FIXTURE)).toEqual({ Comment: 'café au lait', Title: '日本' });
  });

  it('ignores a text chunk whose CRC is wrong', () => {
    const corrupt = FIXTURE.slice();
    const commentCrc = 33 + 8 + 20; // after the signature, IHDR and tEXt header + data
    corrupt[commentCrc] = corrupt[commentCrc]! ^ 0xff;
    expect(readPngText(corrupt)).toEqual({ Title: '日本' });
  });

  it('refuses data that is not a PNG', () => {
    expect(() => readPngText(ascii('GIF89a not a png'))).toThrow(/not a PNG image/);
    expect(isPng(ascii('GIF89a'))).toBe(false);
    expect(isPng(FIXTURE)).toBe(true);
  });

  it('says when a PNG is truncated', () => {
    expect(() => readPngText(FIXTURE.subarray(0, 40))).toThrow(/truncated/);
  });
});

describe('insertPngText', () => {
  it('writes iTXt chunks before the first IDAT that libpng accepts and reads back', async () => {
    const png = await tinyPng();
    const graph = JSON.stringify({ prompt: 'a red circle — ünïcödé 🎨' });
    const withText = insertPngText(png, { 'weft:graph': graph, note: 'hello' });

    expect(readPngText(withText)).toEqual({ 'weft:graph': graph, note: 'hello' });
    const metadata = await sharp(withText).metadata();
    expect(metadata.comments).toEqual([
      { keyword: 'weft:graph', text: graph },
      { keyword: 'note', text: 'hello' },
    ]);
    const decoded = await sharp(withText).raw().toBuffer();
    expect([...decoded]).toEqual([10, 20, 30, 40, 50, 60]);

    const text = new TextDecoder('latin1').decode(withText);
    expect(text.indexOf('iTXtweft:graph')).toBeGreaterThan(0);
    expect(text.indexOf('iTXtweft:graph')).toBeLessThan(text.indexOf('IDAT'));
  });

  it('replaces existing chunks with the same keyword instead of adding a second one', () => {
    const updated = insertPngText(FIXTURE, { Comment: 'new' });
    expect(readPngText(updated)).toEqual({ Comment: 'new', Title: '日本' });
    const text = new TextDecoder('latin1').decode(updated);
    expect(text.split('Comment').length - 1).toBe(1);
  });

  it('refuses keywords PNG does not allow', () => {
    expect(() => insertPngText(FIXTURE, { '': 'x' })).toThrow(/cannot be a PNG text keyword/);
    expect(() => insertPngText(FIXTURE, { ['k'.repeat(80)]: 'x' })).toThrow(/1–79/);
    expect(() => insertPngText(FIXTURE, { ' lead': 'x' })).toThrow(/leading/);
  });

  it('refuses non-PNG input with a clear error', () => {
    expect(() => insertPngText(ascii('\xff\xd8\xff\xe0 jpeg'), { a: 'b' })).toThrow(
      /not a PNG image/,
    );
  });
});
