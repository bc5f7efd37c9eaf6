/** Timing helpers shared by the benches: repeat, take the median, print a table. */

export interface Repeats {
  /** Runs thrown away first, so JIT compilation and lazy setup are not measured. */
  warmup: number;
  repetitions: number;
}

/**
 * Times `run` `repetitions` times after `warmup` untimed runs; milliseconds.
 * `prepare` runs untimed before every run (a fresh cache, say).
 */
export async function timeRepeated<Prepared>(
  prepare: () => Promise<Prepared>,
  run: (prepared: Prepared) => Promise<void>,
  repeats: Repeats,
): Promise<number[]> {
  for (let index = 0; index < repeats.warmup; index++) await run(await prepare());
  const times: number[] = [];
  for (let index = 0; index < repeats.repetitions; index++) {
    const prepared = await prepare();
    const started = performance.now();
    await run(prepared);
    times.push(performance.now() - started);
  }
  return times;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Left-aligned first column, right-aligned numbers, two spaces between. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

export function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
