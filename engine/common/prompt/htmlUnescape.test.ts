import { describe, expect, it } from 'vitest';
import { htmlUnescape } from './htmlUnescape.ts';

// Expected values are CPython 3 `html.unescape` outputs.
describe('htmlUnescape', () => {
  it('decodes named references, one level per pass', () => {
    expect(htmlUnescape('&amp;')).toBe('&');
    expect(htmlUnescape('&amp;amp;')).toBe('&amp;');
    expect(htmlUnescape('caf&eacute;')).toBe('café');
    expect(htmlUnescape('&apos;')).toBe("'");
    expect(htmlUnescape('&hellip;')).toBe('…');
  });

  it('reads legacy names without a semicolon by the longest-prefix rule', () => {
    expect(htmlUnescape('&ampx')).toBe('&x');
    expect(htmlUnescape('&lt3')).toBe('<3');
    expect(htmlUnescape('&copy2024')).toBe('©2024');
    expect(htmlUnescape('&notanentity;')).toBe('¬anentity;');
  });

  it('leaves names that need a semicolon, and plain ampersands, alone', () => {
    expect(htmlUnescape('&apos')).toBe('&apos');
    expect(htmlUnescape('&hellip')).toBe('&hellip');
    expect(htmlUnescape('a & b')).toBe('a & b');
  });

  it('applies HTML5 numeric rules: rewrites, replacement and dropped code points', () => {
    expect(htmlUnescape('&#39;')).toBe("'");
    expect(htmlUnescape('&#x27;x')).toBe("'x");
    expect(htmlUnescape('&#65')).toBe('A');
    expect(htmlUnescape('&#x1F600;')).toBe('😀');
    expect(htmlUnescape('&#128;')).toBe('€');
    expect(htmlUnescape('&#0;')).toBe('\ufffd');
    expect(htmlUnescape('&#xD800;')).toBe('\ufffd');
    expect(htmlUnescape('&#99999999;')).toBe('\ufffd');
    expect(htmlUnescape('a&#1;b')).toBe('ab');
    expect(htmlUnescape('&#xFFFF;')).toBe('');
  });
});
