/**
 * Per-node scheduling overhead: Weft's executor against Rivet's GraphProcessor
 * on a chain of trivial nodes (each adds 1), side by side in one process.
 * Each subject runs in its own worker thread (same stack size for all), and
 * the subjects take turns over several rounds, so a burst of load from
 * elsewhere on the machine lands on all of them rather than on one.
 *
 *   npm run bench:overhead [-- --length 1000 --rounds 3 --warmup 5 --repetitions 5 --only weft-no-cache,rivet-custom-node]
 *
 * The default warm-up is at least 5 runs and at least 5,000 node runs: both
 * engines reach steady JIT-compiled speed only after a few thousand nodes.
 *
 * The goal: Weft's per-node overhead at most 0.2× Rivet's (same node work).
 */
import { parseArgs } from 'node:util';
import type { ChainJob, ChainResult, Subject } from './chainJob.ts';
import { SUBJECTS } from './chainJob.ts';
import { runInWorker } from './inWorker.ts';
import { describeLoad, describeMachine } from './machine.ts';
import { fixed, formatTable, median } from './stats.ts';

const GOAL_RATIO = 0.2;

const LABELS: Record<Subject, string> = {
  'weft-no-cache': 'Weft, cache off',
  'weft-memory-cold': 'Weft, memory cache (cold)',
  'rivet-custom-node': 'Rivet, add-one node',
  'rivet-code-node': 'Rivet, built-in Code node',
};

interface Options {
  length: number;
  rounds: number;
  warmup: number;
  repetitions: number;
  stackSizeMb: number;
  subjects: Subject[];
}

function wholeNumber(flag: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`--${flag} must be a whole number of at least ${minimum}, got "${text}"`);
  }
  return value;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      length: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string' },
      repetitions: { type: 'string', default: '5' },
      'stack-mb': { type: 'string', default: '64' },
      only: { type: 'string' },
    },
  });
  const length = wholeNumber('length', values.length, 1);
  const subjects = values.only ? values.only.split(',').map((name) => name.trim()) : [...SUBJECTS];
  for (const name of subjects) {
    if (!(SUBJECTS as readonly string[]).includes(name)) {
      throw new Error(`--only: unknown subject "${name}"; choose from ${SUBJECTS.join(', ')}`);
    }
  }
  return {
    length,
    rounds: wholeNumber('rounds', values.rounds, 1),
    warmup: values.warmup
      ? wholeNumber('warmup', values.warmup, 0)
      : Math.max(5, Math.ceil(5000 / length)),
    repetitions: wholeNumber('repetitions', values.repetitions, 1),
    stackSizeMb: wholeNumber('stack-mb', values['stack-mb'], 4),
    subjects: subjects as Subject[],
  };
}

const options = parseOptions();
console.log(`${describeMachine()}; ${describeLoad()} at start`);
console.log(
  `Chain of ${options.length} add-one nodes; ${options.rounds} round(s) per subject, each a fresh worker with ` +
    `${options.warmup} warm-up run(s) and ${options.repetitions} timed runs; medians over all timed runs.\n`,
);

const results = new Map<Subject, ChainResult>();
for (let round = 0; round < options.rounds; round++) {
  for (const subject of options.subjects) {
    const job: ChainJob = {
      subject,
      length: options.length,
      repeats: { warmup: options.warmup, repetitions: options.repetitions },
    };
    const result = await runInWorker<ChainResult>(
      new URL('./chainWorker.ts', import.meta.url),
      job,
      {
        stackSizeMb: options.stackSizeMb,
      },
    );
    const earlier = results.get(subject);
    results.set(
      subject,
      earlier ? { ...result, timesMs: [...earlier.timesMs, ...result.timesMs] } : result,
    );
  }
}

const perNodeMicroseconds = (result: ChainResult): number =>
  (median(result.timesMs) * 1000) / options.length;
const rows = [...results.values()].map((result) => [
  LABELS[result.subject],
  fixed(median(result.timesMs), 1),
  fixed(perNodeMicroseconds(result), 1),
  fixed(Math.min(...result.timesMs), 1),
  fixed(Math.max(...result.timesMs), 1),
  String(result.value),
]);
console.log(formatTable(['subject', 'median ms', 'µs/node', 'min ms', 'max ms', 'result'], rows));
console.log(`(${describeLoad()} at end)`);

// The baseline is the cheaper Rivet flavour, so the ratio never flatters Weft.
const rivet = [results.get('rivet-custom-node'), results.get('rivet-code-node')]
  .filter((result): result is ChainResult => result !== undefined)
  .sort((a, b) => perNodeMicroseconds(a) - perNodeMicroseconds(b))[0];
const wefts = (['weft-no-cache', 'weft-memory-cold'] as const)
  .map((subject) => results.get(subject))
  .filter((result): result is ChainResult => result !== undefined);
if (rivet && wefts.length > 0) {
  const ratios = wefts.map((weft) => ({
    label: LABELS[weft.subject],
    ratio: perNodeMicroseconds(weft) / perNodeMicroseconds(rivet),
  }));
  const worst = Math.max(...ratios.map(({ ratio }) => ratio));
  const verdict = worst <= GOAL_RATIO ? 'goal met' : 'goal missed';
  console.log(
    `\nWeft/Rivet per-node overhead vs "${LABELS[rivet.subject]}": ` +
      ratios.map(({ label, ratio }) => `${label} ${fixed(ratio, 3)}×`).join(', ') +
      ` (${verdict}: ≤ ${GOAL_RATIO}×)`,
  );
}
