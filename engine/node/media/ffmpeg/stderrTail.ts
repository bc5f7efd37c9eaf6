/**
 * ffmpeg's stderr, kept bounded: only the last `limit` characters survive, so
 * a long run that logs a warning per frame cannot grow memory. The last
 * meaningful line is what an error message quotes: ffmpeg ends most failures
 * with generic lines ("Conversion failed!") after the line that says why.
 */

/** Lines that never explain a failure: summaries, progress and prompts. */
const NOISE = [
  /^Conversion failed!?$/,
  /^Exiting normally/,
  /^Press \[q\] to stop/,
  /^At least one output file must be specified$/,
  /^(frame|size)=\s*\S+/,
  /^video:\S+ audio:\S+/,
  /^Error (closing|opening) (file|output files?)/,
  /^Error while filtering: /,
  /^Finishing stream /,
];

export class StderrTail {
  private text = '';

  constructor(private readonly limit = 64 * 1024) {}

  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }

  /** At most `limit` characters, ending with the newest output. */
  toString(): string {
    return this.text.length > this.limit ? this.text.slice(-this.limit) : this.text;
  }

  lastMeaningfulLine(): string | undefined {
    return lastMeaningfulLine(this.toString());
  }
}

/** The last line of ffmpeg's output that says what went wrong, without its "[tag @ 0x…]" prefix. */
export function lastMeaningfulLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^\[[^\]]+ @ 0x[0-9a-f]+\]\s*/, '').trim())
    .filter((line) => line.length > 0 && !NOISE.some((pattern) => pattern.test(line)));
  return lines.at(-1);
}
