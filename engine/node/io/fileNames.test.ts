import { describe, expect, it } from 'vitest';
import { sanitizeFileName, splitExtension } from './fileNames.ts';

describe('sanitizeFileName', () => {
  it('joins path segments and drops "." and ".." so a name never leaves its folder', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(sanitizeFileName('..\\..\\Windows\\win.ini')).toBe('Windows_win.ini');
    expect(sanitizeFileName('/abs/path/image.png')).toBe('abs_path_image.png');
    expect(sanitizeFileName('a..b.png')).toBe('a.b.png');
    expect(sanitizeFileName('..')).toBe('output');
  });

  it('keeps letters and digits of any script, and replaces the rest with "_"', () => {
    expect(sanitizeFileName('my render: v2 <final>?.PNG')).toBe('my_render_v2_final.png');
    expect(sanitizeFileName('été 日本 café.webp')).toBe('été_日本_café.webp');
    expect(sanitizeFileName('tab\there\u0000nul.jpg')).toBe('tab_here_nul.jpg');
  });

  it('removes hidden-file dots and option-like dashes at the start', () => {
    expect(sanitizeFileName('.bashrc')).toBe('output.bashrc');
    expect(sanitizeFileName('-rf.png')).toBe('rf.png');
    expect(sanitizeFileName('...hidden.png')).toBe('hidden.png');
  });

  it('turns an empty or meaningless name into "output"', () => {
    expect(sanitizeFileName('')).toBe('output');
    expect(sanitizeFileName('???')).toBe('output');
    expect(sanitizeFileName('.png')).toBe('output.png');
  });

  it('limits the stem to 120 UTF-8 bytes and avoids Windows device names', () => {
    const long = sanitizeFileName(`${'a'.repeat(300)}.png`);
    expect(long).toBe(`${'a'.repeat(120)}.png`);
    const wide = splitExtension(sanitizeFileName(`${'日'.repeat(100)}.png`)).stem;
    expect(wide).toBe('日'.repeat(40));
    expect(sanitizeFileName('CON.png')).toBe('CON_.png');
    expect(sanitizeFileName('console.png')).toBe('console.png');
  });
});

describe('splitExtension', () => {
  it('splits a short alphanumeric extension only', () => {
    expect(splitExtension('image.png')).toEqual({ stem: 'image', extension: '.png' });
    expect(splitExtension('archive.tar.gz')).toEqual({ stem: 'archive.tar', extension: '.gz' });
    expect(splitExtension('noext')).toEqual({ stem: 'noext', extension: '' });
    expect(splitExtension('weird.ext_with_underscore')).toEqual({
      stem: 'weird.ext_with_underscore',
      extension: '',
    });
  });
});
