import { describe, expect, it } from 'vitest';
import { fileName, mediaKind, previewToRgba } from './media.ts';

describe('mediaKind', () => {
  it('tells images, audio and video apart by extension, in any case', () => {
    expect(mediaKind('outputs/run-1/weft_00001.png')).toBe('image');
    expect(mediaKind('outputs/A.JPG')).toBe('image');
    expect(mediaKind('outputs/voice.flac')).toBe('audio');
    expect(mediaKind('outputs/voice.wav')).toBe('audio');
    expect(mediaKind('outputs/clip.mp3')).toBe('audio');
    expect(mediaKind('outputs/clip.webm')).toBe('video');
    expect(mediaKind('outputs/clip.mp4')).toBe('video');
    expect(mediaKind('outputs/notes.txt')).toBe('other');
    expect(mediaKind('outputs.png/readme')).toBe('other');
    expect(mediaKind('outputs/.png')).toBe('other');
  });

  it('names a file without its folders', () => {
    expect(fileName('outputs/run/weft_00001.png')).toBe('weft_00001.png');
    expect(fileName('plain.wav')).toBe('plain.wav');
  });
});

describe('previewToRgba', () => {
  it('spreads RGB bytes into opaque RGBA pixels in order', () => {
    const rgb = btoa(String.fromCharCode(255, 0, 0, 0, 128, 255));
    expect([...previewToRgba({ width: 2, height: 1, rgb })!]).toEqual([
      255, 0, 0, 255, 0, 128, 255, 255,
    ]);
  });

  it('refuses previews whose bytes do not fill the size, or are not base64', () => {
    const rgb = btoa(String.fromCharCode(1, 2, 3));
    expect(previewToRgba({ width: 2, height: 1, rgb })).toBeUndefined();
    expect(previewToRgba({ width: 0, height: 1, rgb })).toBeUndefined();
    expect(previewToRgba({ width: 1, height: 1, rgb: '%%%' })).toBeUndefined();
  });
});
