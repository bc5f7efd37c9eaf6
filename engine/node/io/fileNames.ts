/**
 * Output file names a node asks for are untrusted text (a prefix param typed
 * by the artist, or a graph from the internet). Sanitizing keeps one plain
 * name inside the output folder on every OS: no separators, no "..", no
 * hidden or option-like leading characters, letters and digits of any
 * script plus "-", "_" and ".", and a length every file system accepts.
 */

/** Room for "_00001", the extension and multi-byte letters within the 255-byte limit of most file systems. */
const MAX_STEM_BYTES = 120;
const EXTENSION = /^[A-Za-z0-9]{1,10}$/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const FALLBACK = 'output';

const encoder = new TextEncoder();

function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let result = '';
  for (const character of text) {
    bytes += encoder.encode(character).length;
    if (bytes > maxBytes) break;
    result += character;
  }
  return result;
}

/** Splits a sanitized name into stem and extension (with its dot, lower case; "" when none). */
export function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  const candidate = dot > 0 ? name.slice(dot + 1) : '';
  return EXTENSION.test(candidate)
    ? { stem: name.slice(0, dot), extension: `.${candidate.toLowerCase()}` }
    : { stem: name, extension: '' };
}

function cleanStem(stem: string): string {
  let clean = stem
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/_{2,}/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '');
  clean = truncateUtf8(clean, MAX_STEM_BYTES).replace(/[._-]+$/, '');
  if (clean === '') return FALLBACK;
  return WINDOWS_RESERVED.test(clean) ? `${clean}_` : clean;
}

/**
 * A safe file name for `name`: path segments are joined with "_" (so
 * "../../etc/passwd" becomes "etc_passwd"), other characters outside the
 * safe set become "_", and an empty result becomes "output".
 */
export function sanitizeFileName(name: string): string {
  const joined = name
    .normalize('NFC')
    .split(/[\\/]+/)
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    .join('_');
  const dot = joined.lastIndexOf('.');
  const candidate = dot >= 0 ? joined.slice(dot + 1) : '';
  const hasExtension = EXTENSION.test(candidate);
  const stem = cleanStem(hasExtension ? joined.slice(0, dot) : joined);
  return hasExtension ? `${stem}.${candidate.toLowerCase()}` : stem;
}
