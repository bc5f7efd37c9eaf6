/**
 * What the engine adds to a model pipeline: graphs/txt2img.weft.json (the toy
 * Stable Diffusion pipeline, Euler, CFG 7.5) run through createHostEngine,
 * against the same work written by hand over the same three ONNX Runtime
 * sessions (directTxt2img.ts). Both run on the CPU provider, in this process.
 *
 * Fair by construction:
 * - Warm: both sides have their sessions open and their tokenizer parsed
 *   before anything is timed, as when a user re-runs a graph.
 * - A new seed every run (the same seed on both sides), so the cache can
 *   never answer for the sampler or the decode: every run really samples
 *   and decodes. Every run's images are compared (max abs difference below
 *   1e-5), so both sides did the same work (the same UNet calls, the same
 *   sampler) and a broken engine cannot look fast.
 * - Two cases per workload:
 *   "cache off": the engine without a cache (every node runs) against the
 *     direct script doing everything (2 prompt encodes, sampling, decodes);
 *   "cache on": the engine as the CLI and the editor build it (memory and
 *     disk tiers, in a temporary folder), where the prompts' encodings come
 *     from the cache and the sampler's and decode's results are stored in
 *     both tiers, against the direct script reusing its prompt encodings.
 * - The engine is run to its VAE decode (the PNG save is left out), with an
 *   event listener as the editor has one, so throttled previews are on;
 *   validation, planning, events, the run record and the nodes' own checks
 *   all count.
 * - The sides alternate run by run (engine first on even runs), so load
 *   from other processes lands on both.
 *
 * Workloads: "toy" is the graph as shipped (64×64, 20 steps, batch 1: a run
 * takes a few milliseconds, so fixed costs dominate); "long" is the same
 * graph with 150 steps and a batch of 4 (600 UNet calls), where model time
 * dominates and per-step costs show.
 *
 *   npm run bench:pipeline [-- --workload toy|long|both --rounds 3 --warmup 5 --repetitions 20
 *                              --long-steps 150 --long-batch 4]
 *
 * Warm-up and repetitions default to 5 and 20 for "toy", 2 and 12 for
 * "long" (per round); given flags apply to both. The goal: engine/direct ≤
 * 1.03 (median run time).
 *
 * After each workload it prints the floor under that ratio (pipelineFloor.ts):
 * the per-run work the engine's rules require and a script does not do
 * (validation, the graph's hash, the run record, the file checks), each
 * timed alone, with its system calls apart, against the 3 % the goal allows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunEvent } from '../engine/common/events.ts';
import type { GraphFile } from '../engine/common/graph/schema.ts';
import { Tensor } from '../engine/common/tensor.ts';
import type { Value } from '../engine/common/values.ts';
import type { Engine } from '../engine/node/engine.ts';
import { createHostEngine } from '../engine/node/host.ts';
import { weftPaths } from '../engine/node/paths.ts';
import { ensureFixtures } from '../resources/fixture-models/ensure.ts';
import type { DirectImage, DirectPipeline, Encoded, Txt2ImgSettings } from './directTxt2img.ts';
import { encodePrompts, generate, openDirectPipeline } from './directTxt2img.ts';
import { describeLoad, describeMachine } from './machine.ts';
import { countNodes } from './nodeCounts.ts';
import { measureFloor } from './pipelineFloor.ts';
import { fixed, formatTable, median } from './stats.ts';
import { loadTxt2imgGraph, settingsOf, withSettings } from './txt2imgGraph.ts';

const GOAL_RATIO = 1.03;
/** The VAE decode node of graphs/txt2img.weft.json: the run's target, so the save is left out. */
const TARGET = 'decode';
/** Same sessions, same sampler code: only float summation order may differ. */
const SAME_IMAGE_TOLERANCE = 1e-5;
const CASES = ['cache off', 'cache on'] as const;
type Case = (typeof CASES)[number];

function wholeNumber(flag: string, text: string | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`--${flag} must be a whole number of at least ${minimum}, got "${text}"`);
  }
  return value;
}

const { values } = parseArgs({
  options: {
    workload: { type: 'string', default: 'both' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string' },
    repetitions: { type: 'string' },
    'long-steps': { type: 'string', default: '150' },
    'long-batch': { type: 'string', default: '4' },
  },
});
if (!['toy', 'long', 'both'].includes(values.workload)) {
  throw new Error(`--workload must be toy, long or both, got "${values.workload}"`);
}
const rounds = wholeNumber('rounds', values.rounds, 1)!;
const warmupFlag = wholeNumber('warmup', values.warmup, 0);
const repetitionsFlag = wholeNumber('repetitions', values.repetitions, 1);

interface Workload {
  name: 'toy' | 'long';
  steps: number;
  batch: number;
  warmup: number;
  repetitions: number;
}

interface Sides {
  engine: number[];
  direct: number[];
  /** node id → durationMs of each timed engine run. */
  nodeMs: Map<string, number[]>;
}

/** The decode's IMAGE: a tensor, or a tensor carried with its seeds ({ image, seeds }). */
function imageTensor(value: Value | undefined): Tensor | undefined {
  if (value instanceof Tensor) return value;
  const inner =
    typeof value === 'object' && value !== null ? (value as { image?: unknown }).image : undefined;
  return inner instanceof Tensor ? inner : undefined;
}

function maxAbsDifference(engine: Tensor, direct: DirectImage): number {
  if (engine.dims.join() !== direct.dims.join()) {
    throw new Error(
      `Image shapes differ: engine [${engine.dims.join(', ')}], direct [${direct.dims.join(', ')}]`,
    );
  }
  let largest = 0;
  engine.data.forEach((value, index) => {
    largest = Math.max(largest, Math.abs(Number(value) - direct.data[index]!));
  });
  return largest;
}

/** Model calls in one run: the prompts' encodes (unless cached), one CFG-batched UNet call a step per image, a decode per image. */
function modelCalls(workload: Workload, which: Case): number {
  const encodes = which === 'cache off' ? 2 : 0;
  return encodes + workload.steps * workload.batch + workload.batch;
}

const root = await mkdtemp(join(tmpdir(), 'weft-bench-pipeline-'));
try {
  const fixtures = await ensureFixtures({ log: (line) => console.log(line) });
  const graph = await loadTxt2imgGraph();
  const base = settingsOf(graph);
  const env: NodeJS.ProcessEnv = { ...process.env, WEFT_HOME: join(root, 'home') };
  // The bundled fixtures, wherever the caller's shell points WEFT_BUNDLED_MODELS.
  delete env.WEFT_BUNDLED_MODELS;
  const engineFor = (cacheDir: string | false): Promise<Engine> =>
    createHostEngine({
      paths: weftPaths(env),
      env,
      cacheDir,
      provider: 'cpu',
      onWarning: (message) => console.warn(message),
    });
  const engines: Record<Case, Engine> = {
    'cache off': await engineFor(false),
    'cache on': await engineFor(join(root, 'cache')),
  };
  // The same three sessions as the engine without a cache: leased from its pool for the whole bench.
  const pool = (await engines['cache off'].openModels())!.pool;
  const direct: DirectPipeline = await openDirectPipeline(
    join(fixtures, 'diffusion/toy-sd'),
    async (path) => (await pool.acquire(path)).session,
  );
  const encoded: Encoded = await encodePrompts(direct, base);

  /** Seeds never repeat, so no run finds its sampler or decode in the cache. */
  let nextSeed = 1000;
  /** The largest difference between the two sides' images over all runs. */
  let largestDifference = 0;
  /** The run record of the latest engine run, for the floor (pipelineFloor.ts). */
  let lastRecord: string | undefined;

  const runEngine = async (engine: Engine, job: GraphFile, events: RunEvent[]) => {
    const result = await engine.run(job, {
      targets: [TARGET],
      outputDir: join(root, 'out'),
      inputRoots: [root],
      onEvent: (event) => events.push(event),
    });
    const image = imageTensor(result.outputs.get(TARGET)?.image);
    if (result.status !== 'done' || !image) {
      throw new Error(
        `The engine's run ended ${result.status}: ${result.errors.map((error) => error.message).join('; ')}`,
      );
    }
    lastRecord = result.recordPath;
    return image;
  };

  /** One engine run and one direct run with the same fresh seed; times in ms, images compared. */
  const pair = async (workload: Workload, which: Case, index: number) => {
    const seed = nextSeed;
    nextSeed += workload.batch;
    const settings: Txt2ImgSettings = {
      ...base,
      seed,
      steps: workload.steps,
      batch: workload.batch,
    };
    const job = withSettings(graph, settings);
    const events: RunEvent[] = [];
    let engineImage: Tensor | undefined;
    let directImage: DirectImage | undefined;
    let engineMs = 0;
    let directMs = 0;
    const timeEngine = async () => {
      const started = performance.now();
      engineImage = await runEngine(engines[which], job, events);
      engineMs = performance.now() - started;
    };
    const timeDirect = async () => {
      const started = performance.now();
      directImage = await generate(direct, settings, which === 'cache on' ? encoded : undefined);
      directMs = performance.now() - started;
    };
    if (index % 2 === 0) {
      await timeEngine();
      await timeDirect();
    } else {
      await timeDirect();
      await timeEngine();
    }
    const difference = maxAbsDifference(engineImage!, directImage!);
    largestDifference = Math.max(largestDifference, difference);
    if (!(difference < SAME_IMAGE_TOLERANCE)) {
      throw new Error(
        `Seed ${seed}: the engine's image and the direct one differ by up to ${difference}: not the same work`,
      );
    }
    return { engineMs, directMs, events };
  };

  const measure = async (workload: Workload, which: Case): Promise<Sides> => {
    const sides: Sides = { engine: [], direct: [], nodeMs: new Map() };
    for (let round = 0; round < rounds; round++) {
      for (let index = 0; index < workload.warmup; index++) await pair(workload, which, index);
      for (let index = 0; index < workload.repetitions; index++) {
        const { engineMs, directMs, events } = await pair(workload, which, index);
        sides.engine.push(engineMs);
        sides.direct.push(directMs);
        for (const [node, ms] of countNodes(events).ranMs) {
          sides.nodeMs.set(node, [...(sides.nodeMs.get(node) ?? []), ms]);
        }
      }
    }
    return sides;
  };

  /** The rules' own per-run work against what the goal allows on top of the direct run. */
  const printFloor = async (directMs: number, workload: Workload) => {
    if (!lastRecord) throw new Error('The engine wrote no run record');
    const items = await measureFloor({
      engine: engines['cache off'],
      graph: withSettings(graph, { seed: nextSeed, steps: workload.steps, batch: workload.batch }),
      targets: [TARGET],
      recordPath: lastRecord,
      pipelineFolder: join(fixtures, 'diffusion/toy-sd'),
      scratch: join(root, 'floor-records'),
    });
    const floor = items.reduce((sum, item) => sum + item.ms, 0);
    const system = items.reduce((sum, item) => sum + item.systemMs, 0);
    const allowed = directMs * (GOAL_RATIO - 1);
    console.log(
      `\nThe floor (${workload.name}): what the engine's rules make it do on every run that the direct script does not, each timed alone (median ms):`,
    );
    console.log(
      formatTable(
        ['work', 'rule', 'ms', 'system calls ms'],
        [
          ...items.map((item) => [
            item.what,
            item.rule,
            fixed(item.ms, 3),
            item.systemMs > 0 ? fixed(item.systemMs, 3) : '',
          ]),
          ['total', '', fixed(floor, 3), fixed(system, 3)],
        ],
      ),
    );
    console.log(
      `≤ ${GOAL_RATIO}× allows ${fixed(allowed, 3)} ms on top of the direct median (${fixed(directMs, 2)} ms, cache off). ` +
        `The floor is ${fixed((100 * floor) / allowed, 0)} % of that, its system calls alone ${fixed((100 * system) / allowed, 0)} %` +
        (system > allowed
          ? ': no engine that keeps these rules can meet the goal on this workload.'
          : floor > allowed
            ? ': this engine cannot meet the goal on this workload.'
            : '.'),
    );
  };

  const workloads: Workload[] = [];
  if (values.workload !== 'long') {
    workloads.push({
      name: 'toy',
      steps: base.steps,
      batch: base.batch,
      warmup: warmupFlag ?? 5,
      repetitions: repetitionsFlag ?? 20,
    });
  }
  if (values.workload !== 'toy') {
    workloads.push({
      name: 'long',
      steps: wholeNumber('long-steps', values['long-steps'], 1)!,
      batch: wholeNumber('long-batch', values['long-batch'], 1)!,
      warmup: warmupFlag ?? 2,
      repetitions: repetitionsFlag ?? 12,
    });
  }

  /** Per case: [model calls, engine − direct median ms] of each workload, for the split below. */
  const extras = new Map<Case, [number, number][]>();
  const startLoad = loadavg()[0]!;
  console.log(`${describeMachine()}; ${describeLoad()} at start`);
  for (const workload of workloads) {
    console.log(
      `\n${workload.name}: graphs/txt2img.weft.json to "${TARGET}" (${base.width}×${base.height}, batch ${workload.batch}, ` +
        `${workload.steps} ${base.sampler} steps, CFG ${base.cfg}, a new seed every run) on the CPU; ` +
        `${rounds} round(s) of ${workload.warmup} warm-up and ${workload.repetitions} timed runs per side and case; ` +
        `every run's images agree to < ${SAME_IMAGE_TOLERANCE}.\n`,
    );
    const results = new Map<Case, Sides>();
    for (const which of CASES) results.set(which, await measure(workload, which));
    for (const which of CASES) {
      const { engine, direct: hand } = results.get(which)!;
      const calls = modelCalls(workload, which);
      extras.set(which, [...(extras.get(which) ?? []), [calls, median(engine) - median(hand)]]);
    }
    const rows = CASES.map((which) => {
      const { engine, direct: hand } = results.get(which)!;
      const ratio = median(engine) / median(hand);
      return [
        which,
        fixed(median(engine), 2),
        fixed(median(hand), 2),
        fixed(median(engine) - median(hand), 2),
        `${fixed(ratio, 3)}×`,
        `${fixed(Math.min(...engine), 2)} / ${fixed(Math.min(...hand), 2)}`,
        ratio <= GOAL_RATIO ? 'met' : 'missed',
      ];
    });
    console.log(
      formatTable(
        [
          'case',
          'engine median ms',
          'direct median ms',
          'extra ms',
          'engine/direct',
          'min ms (engine / direct)',
          `goal ≤ ${GOAL_RATIO}×`,
        ],
        rows,
      ),
    );
    for (const which of CASES) {
      const nodeMedians = [...results.get(which)!.nodeMs].map(
        ([node, ms]) => `${node} ${fixed(median(ms), 1)}`,
      );
      console.log(`Engine node times (${which}), medians in ms: ${nodeMedians.join(', ')}`);
    }
    await printFloor(median(results.get('cache off')!.direct), workload);
  }
  // Euler makes one UNet call a step, which modelCalls counts on.
  if (workloads.length === 2 && base.sampler === 'euler') {
    // extra = fixed + per call × calls, through the two workloads' points.
    console.log('\nWhat the engine adds, split by a line through the two workloads:');
    for (const which of CASES) {
      const [[fewCalls, fewExtra], [manyCalls, manyExtra]] = extras.get(which)! as [
        [number, number],
        [number, number],
      ];
      const perCall = (manyExtra - fewExtra) / (manyCalls - fewCalls);
      const fixedCost = fewExtra - perCall * fewCalls;
      console.log(
        `  ${which}: ~${fixed(fixedCost, 2)} ms a run plus ~${fixed(perCall * 1000, 1)} µs a model call`,
      );
    }
  }
  console.log(
    `\nThe engine's and the direct images differed by at most ${largestDifference} over all runs.`,
  );
  console.log(`(${describeLoad()} at end)`);
  if (Math.max(startLoad, loadavg()[0]!) > cpus().length) {
    console.log(
      'The load was above the number of CPUs: other work competed with both sides, and the ratios (and any "met") are not reliable. Run again on a quieter machine.',
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
