import { describe, expect, it } from 'vitest';
import { crc32, insertPngText } from '../../engine/common/media/pngText.ts';
import { classifyDrop, toBase64 } from './dropKind.ts';

function chunk(type: string, data: number[]): number[] {
  const body = [...type].map((character) => character.charCodeAt(0)).concat(data);
  const crc = crc32(Uint8Array.from(body));
  const length = data.length;
  return [
    length >>> 24,
    (length >>> 16) & 255,
    (length >>> 8) & 255,
    length & 255,
    ...body,
    crc >>> 24,
    (crc >>> 16) & 255,
    (crc >>> 8) & 255,
    crc & 255,
  ];
}

/** A 1×1 grey PNG, built chunk by chunk (zlib-stored IDAT). */
function tinyPng(): Uint8Array {
  const ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0];
  const idat = [0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80, 0x00, 0x81, 0x00, 0x81];
  return Uint8Array.from([
    137,
    80,
    78,
    71,
    13,
    10,
    26,
    10,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', idat),
    ...chunk('IEND', []),
  ]);
}

describe('classifyDrop', () => {
  it('finds the graph a PNG carries', () => {
    const png = insertPngText(tinyPng(), { 'weft:graph': '{"format":"weft/graph"}' });
    expect(classifyDrop('out.png', png)).toEqual({
      kind: 'graph',
      text: '{"format":"weft/graph"}',
      source: 'out.png',
    });
  });

  it('takes a PNG without a graph, a JPEG or a WebP as an image to load', () => {
    expect(classifyDrop('photo.png', tinyPng())).toEqual({ kind: 'image' });
    expect(classifyDrop('x.bin', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({
      kind: 'image',
    });
  });

  it('reads .json as graph text and refuses the rest with a sentence', () => {
    const bytes = new TextEncoder().encode('{"a":1}');
    expect(classifyDrop('g.weft.json', bytes)).toEqual({
      kind: 'graph',
      text: '{"a":1}',
      source: 'g.weft.json',
    });
    const song = classifyDrop('song.mp3', Uint8Array.from([0x49, 0x44, 0x33]));
    expect(song.kind).toBe('unsupported');
    expect(song.kind === 'unsupported' && song.message).toMatch(
      /^song\.mp3 is neither a graph nor an image/,
    );
    const cut = classifyDrop('cut.png', tinyPng().subarray(0, 20));
    expect(cut).toEqual({
      kind: 'unsupported',
      message: 'cut.png is a damaged PNG (it is cut off); Weft cannot read it.',
    });
  });

  it('encodes base64 across chunk boundaries', () => {
    const bytes = new Uint8Array(70000).map((_, index) => index % 251);
    const text = toBase64(bytes);
    expect(text.slice(0, 8)).toBe('AAECAwQF');
    expect(Uint8Array.from(atob(text), (character) => character.charCodeAt(0))).toEqual(bytes);
  });
});
