/**
 * Python's `html.unescape`, which OpenAI CLIP's `basic_clean` applies twice to
 * every prompt: numeric references follow HTML5's rules exactly (Windows-1252
 * rewrites, U+FFFD for surrogates and out-of-range numbers, nothing for
 * forbidden code points); named references use the same longest-prefix rule,
 * over a subset of html.entities.html5: all 106 legacy names (so a
 * semicolon-less `&lt3` or `&notx` reads as Python reads it) and a few
 * typographic ones. Another of html5's 2 231 names reads as if html5 lacked
 * it: literal, or a legacy name plus text (`&notin;` → `¬in;`, not `∉`).
 */

const REFERENCE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g;

/** HTML5's numeric-character-reference-end rewrites (Python's _invalid_charrefs). */
const CHARREF_REWRITES = new Map<number, string>([
  [0x00, '\ufffd'],
  [0x0d, '\r'],
  [0x80, '\u20ac'],
  [0x81, '\x81'],
  [0x82, '\u201a'],
  [0x83, '\u0192'],
  [0x84, '\u201e'],
  [0x85, '\u2026'],
  [0x86, '\u2020'],
  [0x87, '\u2021'],
  [0x88, '\u02c6'],
  [0x89, '\u2030'],
  [0x8a, '\u0160'],
  [0x8b, '\u2039'],
  [0x8c, '\u0152'],
  [0x8d, '\x8d'],
  [0x8e, '\u017d'],
  [0x8f, '\x8f'],
  [0x90, '\x90'],
  [0x91, '\u2018'],
  [0x92, '\u2019'],
  [0x93, '\u201c'],
  [0x94, '\u201d'],
  [0x95, '\u2022'],
  [0x96, '\u2013'],
  [0x97, '\u2014'],
  [0x98, '\u02dc'],
  [0x99, '\u2122'],
  [0x9a, '\u0161'],
  [0x9b, '\u203a'],
  [0x9c, '\u0153'],
  [0x9d, '\x9d'],
  [0x9e, '\u017e'],
  [0x9f, '\u0178'],
]);

/** Code points a numeric reference may not produce (Python's _invalid_codepoints): they vanish. */
function isForbiddenCodePoint(code: number): boolean {
  return (
    (code >= 0x1 && code <= 0x8) ||
    code === 0xb ||
    (code >= 0xe && code <= 0x1f) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    (code & 0xfffe) === 0xfffe
  );
}

/**
 * HTML5's legacy names, the only ones valid without a semicolon: the XML four
 * in both cases, COPY and REG, and one name per Latin-1 character
 * U+00A0–U+00FF, in code-point order.
 */
const LATIN_1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg ' +
  'plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute ' +
  'Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml ' +
  'Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ' +
  'ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const LEGACY: [string, string][] = [
  ['amp', '&'],
  ['AMP', '&'],
  ['lt', '<'],
  ['LT', '<'],
  ['gt', '>'],
  ['GT', '>'],
  ['quot', '"'],
  ['QUOT', '"'],
  ['COPY', '\u00a9'],
  ['REG', '\u00ae'],
  ...LATIN_1_NAMES.map((name, index): [string, string] => [
    name,
    String.fromCharCode(0xa0 + index),
  ]),
];

/** Names valid only with the semicolon: the typographic ones prompts pick up from the web. */
const SEMICOLON_ONLY: [string, string][] = [
  ['apos', "'"],
  ['hellip', '\u2026'],
  ['mdash', '\u2014'],
  ['ndash', '\u2013'],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
  ['bull', '\u2022'],
  ['trade', '\u2122'],
  ['euro', '\u20ac'],
  ['hearts', '\u2665'],
  ['star', '\u2606'],
];

/** Reference text (as matched, semicolon included) → replacement. */
const NAMED = new Map<string, string>([
  ...LEGACY,
  ...[...LEGACY, ...SEMICOLON_ONLY].map(([name, text]): [string, string] => [`${name};`, text]),
]);

function numeric(reference: string): string {
  const hex = reference[1] === 'x' || reference[1] === 'X';
  const digits = reference.slice(hex ? 2 : 1).replace(/;$/, '');
  const code = Number.parseInt(digits, hex ? 16 : 10);
  const rewrite = CHARREF_REWRITES.get(code);
  if (rewrite !== undefined) return rewrite;
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return '\ufffd';
  if (isForbiddenCodePoint(code)) return '';
  return String.fromCodePoint(code);
}

function named(reference: string): string {
  const whole = NAMED.get(reference);
  if (whole !== undefined) return whole;
  // HTML5's rule: the longest known name that prefixes the reference.
  for (let end = reference.length - 1; end > 1; end--) {
    const prefix = NAMED.get(reference.slice(0, end));
    if (prefix !== undefined) return prefix + reference.slice(end);
  }
  return `&${reference}`;
}

/** One pass of Python's html.unescape. */
export function htmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (_match, reference: string) =>
    reference.startsWith('#') ? numeric(reference) : named(reference),
  );
}
