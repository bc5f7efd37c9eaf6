/**
 * What the cache saves on a real image pipeline (see imagePipeline.ts):
 *   (a) cold: an empty cache folder, in process;
 *   (b) warm: the same engine again after changing only the composite's
 *       opacity (the last node before the save);
 *   (c) a second process (`weft run … --json`) on the same cache folder,
 *       timed from spawn to exit;
 *   (d) for reference, the same CLI process on an empty cache folder, and
 *   (e) the CLI's start-up alone (`weft nodes --json`), the floor under (c);
 *   (f), (g) (a) and (b) again with a memory-only cache: what the disk tier's
 *       writes add to a run.
 * In-process runs use createHostEngine, the engine the CLI builds.
 *
 *   npm run bench:cache [-- --size 2048 --repetitions 3]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunEvent } from '../engine/common/events.ts';
import type { GraphFile } from '../engine/common/graph/schema.ts';
import { serializeGraph } from '../engine/common/graph/write.ts';
import { createCache } from '../engine/node/cache/tieredCache.ts';
import { Engine } from '../engine/node/engine.ts';
import { createHostEngine, DEFAULT_MEMORY_BUDGET } from '../engine/node/host.ts';
import { createSharpImageCodec } from '../engine/node/media/sharpImages.ts';
import { weftPaths } from '../engine/node/paths.ts';
import { createDefaultRegistry } from '../nodes/index.ts';
import type { CliRun } from './cliProcess.ts';
import { runWeftProcess } from './cliProcess.ts';
import { describeLoad, describeMachine } from './machine.ts';
import type { NodeCounts } from './nodeCounts.ts';
import { countNodes, describeCounts, describeNodeTimes } from './nodeCounts.ts';
import { buildImagePipeline, prepareLogo } from './imagePipeline.ts';
import { fixed, formatTable, median } from './stats.ts';

interface Measured {
  ms: number;
  /** The engine's own run time (run-done's durationMs). */
  engineMs: number;
  counts: NodeCounts;
}

const STEPS = [
  'cold',
  'warm',
  'secondProcess',
  'cliCold',
  'startup',
  'memoryCold',
  'memoryWarm',
] as const;
type Step = (typeof STEPS)[number];

const LABELS: Record<Step, string> = {
  cold: '(a) cold, empty cache, in process',
  warm: '(b) warm, composite opacity changed',
  secondProcess: '(c) second process, same disk cache',
  cliCold: '(d) CLI process, empty cache',
  startup: '(e) CLI start-up only (weft nodes)',
  memoryCold: '(f) cold, memory tier only',
  memoryWarm: '(g) warm, memory tier only',
};

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '2048' },
    repetitions: { type: 'string', default: '3' },
  },
});
const size = Number(values.size);
const repetitions = Number(values.repetitions);
if (!Number.isInteger(repetitions) || repetitions < 1)
  throw new Error(`--repetitions must be a whole number of at least 1, got ${values.repetitions}`);
if (!Number.isInteger(size) || size < 64 || size % 16 !== 0)
  throw new Error(`--size must be a multiple of 16 from 64, got ${values.size}`);

function engineMs(events: readonly RunEvent[]): number {
  const done = events.find((event) => event.type === 'run-done');
  if (!done || done.type !== 'run-done') throw new Error('The run did not end with run-done');
  return done.durationMs;
}

function fromProcess(run: CliRun, what: string): Measured {
  if (run.exitCode !== 0 || run.result.status !== 'done') {
    throw new Error(
      `${what}: weft run exited ${run.exitCode} (${run.result.status ?? 'no result'}):\n${run.stderr}`,
    );
  }
  return { ms: run.wallMs, engineMs: engineMs(run.events), counts: countNodes(run.events) };
}

const root = await mkdtemp(join(tmpdir(), 'weft-bench-cache-'));
try {
  const home = join(root, 'home');
  const env = { ...process.env, WEFT_HOME: home };
  const paths = weftPaths(env);
  const logoFile = await prepareLogo(root);
  const original = buildImagePipeline({ size, logoFile, opacity: 0.9 });
  const changed = buildImagePipeline({ size, logoFile, opacity: 0.8 });
  const graphPath = join(root, 'pipeline.weft.json');
  await writeFile(graphPath, serializeGraph(original));

  const runOn = async (engine: Engine, graph: GraphFile): Promise<Measured> => {
    const events: RunEvent[] = [];
    const started = performance.now();
    const result = await engine.run(graph, {
      outputDir: join(root, 'out'),
      inputRoots: [root],
      onEvent: (event) => events.push(event),
    });
    const ms = performance.now() - started;
    if (result.status !== 'done') {
      throw new Error(
        `The pipeline ended ${result.status}: ${result.errors.map((error) => error.message).join('; ')}`,
      );
    }
    return { ms, engineMs: result.durationMs, counts: countNodes(events) };
  };

  console.log(`${describeMachine()}; ${describeLoad()} at start`);
  console.log(
    `Pipeline: gradient ${size}² + load-image → resize to ${size / 2}² → composite → save (JPEG); median of ${repetitions}.\n`,
  );
  // Loads sharp and compiles the engine's hot paths, so (a) measures an empty cache, not a cold JIT.
  await runOn(
    await createHostEngine({ paths, cacheDir: join(root, 'cache-warmup') }),
    buildImagePipeline({ size: 256, logoFile, opacity: 0.5 }),
  );

  const samples = new Map<Step, Measured[]>(STEPS.map((step) => [step, []]));
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const cacheDir = join(root, `cache-${repetition}`);
    await mkdir(cacheDir, { recursive: true });
    // One engine for (a) and (b), as in an editor session: (b) may use the memory tier.
    const engine = await createHostEngine({ paths, cacheDir });
    samples.get('cold')!.push(await runOn(engine, original));
    samples.get('warm')!.push(await runOn(engine, changed));
    const cliArgs = (cache: string): string[] => [
      'run',
      graphPath,
      '--json',
      '--cache-dir',
      cache,
      '--out',
      join(root, 'out-cli'),
    ];
    samples
      .get('secondProcess')!
      .push(fromProcess(await runWeftProcess(cliArgs(cacheDir), env), 'second process'));
    samples
      .get('cliCold')!
      .push(
        fromProcess(
          await runWeftProcess(cliArgs(join(root, `cache-cli-${repetition}`)), env),
          'CLI cold',
        ),
      );
    const startup = await runWeftProcess(['nodes', '--json'], env);
    if (startup.exitCode !== 0)
      throw new Error(`weft nodes exited ${startup.exitCode}:\n${startup.stderr}`);
    samples.get('startup')!.push({ ms: startup.wallMs, engineMs: 0, counts: countNodes([]) });

    const memoryOnly = new Engine({
      registry: createDefaultRegistry(),
      images: createSharpImageCodec(),
      cache: await createCache({ memoryBudgetBytes: DEFAULT_MEMORY_BUDGET }),
    });
    samples.get('memoryCold')!.push(await runOn(memoryOnly, original));
    samples.get('memoryWarm')!.push(await runOn(memoryOnly, changed));
  }

  const medianMs = (step: Step): number => median(samples.get(step)!.map(({ ms }) => ms));
  const medianEngineMs = (step: Step): number =>
    median(samples.get(step)!.map(({ engineMs }) => engineMs));
  const first = (step: Step): NodeCounts => samples.get(step)![0]!.counts;
  const rows = STEPS.map((step) =>
    step === 'startup'
      ? [LABELS[step], fixed(medianMs(step), 0), '–', '–']
      : [
          LABELS[step],
          fixed(medianMs(step), 0),
          fixed(medianEngineMs(step), 0),
          describeCounts(first(step)),
        ],
  );
  console.log(formatTable(['run', 'median ms', 'engine ms', 'nodes'], rows));
  console.log(`(${describeLoad()} at end)`);
  console.log('\nNode run times, first repetition:');
  for (const step of STEPS) {
    if (step !== 'startup') console.log(`  ${step.padEnd(13)} ${describeNodeTimes(first(step))}`);
  }
  const ratio = (step: Step, base: Step): string => fixed(medianMs(step) / medianMs(base), 3);
  console.log(
    `\nfor reference: second-process/CLI-cold ${ratio('secondProcess', 'cliCold')}×,` +
      ` memory-only warm/cold ${ratio('memoryWarm', 'memoryCold')}×`,
  );
  console.log(
    `warm/cold: ${ratio('warm', 'cold')}×   second-process/cold: ${ratio('secondProcess', 'cold')}×`,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
