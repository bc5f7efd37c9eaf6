/**
 * Frame rates as ffmpeg keeps them: a numerator over a denominator, so NTSC's
 * 30000/1001 stays exact where 29.97 would drift a frame every ~33 s.
 */
export interface Rational {
  readonly numerator: number;
  readonly denominator: number;
}

export function rational(numerator: number, denominator = 1): Rational {
  const divisor = greatestCommonDivisor(Math.abs(numerator), Math.abs(denominator)) || 1;
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

export function rationalValue(value: Rational): number {
  return value.numerator / value.denominator;
}

/** "30000/1001": the form ffmpeg's -r and fps= take. */
export function formatRational(value: Rational): string {
  return `${value.numerator}/${value.denominator}`;
}

/** Rates ffmpeg prints rounded ("29.97", "23.98") that are really n·1000/1001. */
const NTSC_RATES = [24, 30, 48, 60, 120, 240];

/**
 * The rate behind ffmpeg's printed one: "25" → 25/1, "29.97" → 30000/1001,
 * "12.50" → 25/2, "1k" → 1000/1. ffmpeg prints two decimals, so a
 * non-NTSC fraction is read to the hundredth.
 */
export function parsePrintedRate(text: string): Rational | undefined {
  const match = /^(\d+(?:\.\d+)?)(k)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] ? 1000 : 1);
  if (!(value > 0)) return undefined;
  if (Number.isInteger(value)) return rational(value);
  for (const base of NTSC_RATES) {
    const ntsc = (base * 1000) / 1001;
    if (Math.abs(value - ntsc) < 0.006) return rational(base * 1000, 1001);
  }
  return rational(Math.round(value * 100), 100);
}

/** Parses "30000/1001" or "25" (an option an artist typed, or a rate from a graph). */
export function parseRational(text: string): Rational | undefined {
  const match = /^\s*(\d+)(?:\/(\d+))?\s*$/.exec(text);
  if (!match) return parsePrintedRate(text);
  const denominator = Number(match[2] ?? 1);
  return denominator > 0 && Number(match[1]) > 0
    ? rational(Number(match[1]), denominator)
    : undefined;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
