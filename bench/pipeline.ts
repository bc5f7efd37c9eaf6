/**
 * What the engine adds to a model pipeline: graphs/txt2img.weft.json (the toy
 * Stable Diffusion pipeline, 20 Euler steps, CFG 7.5) run through
 * createHostEngine, against the same work written by hand over the same
 * three ONNX Runtime sessions (directTxt2img.ts). Both run on the CPU
 * provider, in this process, after warm-up runs that open the sessions.
 *
 * - Engine: the cache off (every node runs every time), the run aimed at the
 *   VAE decode so the PNG save is left out; validation, planning, events,
 *   the run record and the nodes' own checks all count.
 * - Direct: tokenizer → text encoder (twice) → sampler loop → VAE decoder.
 * The two take turns over several rounds, so load from elsewhere lands on
 * both, and their images must agree (max abs difference below 1e-5), so the
 * comparison is of the same work.
 *
 *   npm run bench:pipeline [-- --rounds 3 --warmup 5 --repetitions 20]
 *
 * The goal: engine/direct ≤ 1.03 (median run time).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SamplerName, SchedulerName } from '../engine/common/diffusion/samplers/types.ts';
import { SAMPLERS, SCHEDULERS } from '../engine/common/diffusion/samplers/types.ts';
import { loadGraphText } from '../engine/common/graph/load.ts';
import type { GraphFile } from '../engine/common/graph/schema.ts';
import type { RunEvent } from '../engine/common/events.ts';
import { Tensor } from '../engine/common/tensor.ts';
import type { Engine } from '../engine/node/engine.ts';
import { createHostEngine } from '../engine/node/host.ts';
import { weftPaths } from '../engine/node/paths.ts';
import { ensureFixtures } from '../resources/fixture-models/ensure.ts';
import type { DirectImage, DirectPipeline, Txt2ImgSettings } from './directTxt2img.ts';
import { generate, openDirectPipeline } from './directTxt2img.ts';
import { describeLoad, describeMachine } from './machine.ts';
import { countNodes } from './nodeCounts.ts';
import { fixed, formatTable, median, timeRepeated } from './stats.ts';

const GOAL_RATIO = 1.03;
const GRAPH_FILE = new URL('../graphs/txt2img.weft.json', import.meta.url);
/** The VAE decode node of graphs/txt2img.weft.json: the run's target, so the save is left out. */
const TARGET = 'decode';
/** Same sessions, same sampler code: only float summation order may differ. */
const SAME_IMAGE_TOLERANCE = 1e-5;

function wholeNumber(flag: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`--${flag} must be a whole number of at least ${minimum}, got "${text}"`);
  }
  return value;
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '5' },
    repetitions: { type: 'string', default: '20' },
  },
});
const rounds = wholeNumber('rounds', values.rounds, 1);
const repeats = {
  warmup: wholeNumber('warmup', values.warmup, 1),
  repetitions: wholeNumber('repetitions', values.repetitions, 1),
};

function param(graph: GraphFile, node: string, name: string): string | number | boolean {
  const value = graph.nodes[node]?.params?.[name];
  if (value === undefined) throw new Error(`${GRAPH_FILE.pathname}: no ${node}.${name}`);
  return value;
}

function stringParam(graph: GraphFile, node: string, name: string): string {
  const value = param(graph, node, name);
  if (typeof value !== 'string') throw new Error(`${node}.${name} should be text, got ${value}`);
  return value;
}

function numberParam(graph: GraphFile, node: string, name: string): number {
  const value = param(graph, node, name);
  if (typeof value !== 'number') throw new Error(`${node}.${name} should be a number`);
  return value;
}

function optionParam<Option extends string>(
  graph: GraphFile,
  node: string,
  name: string,
  options: readonly Option[],
): Option {
  const value = stringParam(graph, node, name);
  if (!(options as readonly string[]).includes(value)) {
    throw new Error(`${node}.${name} is "${value}", not one of ${options.join(', ')}`);
  }
  return value as Option;
}

/** The graph's own settings, so the direct side does exactly what the graph says. */
function settingsOf(graph: GraphFile): Txt2ImgSettings {
  if (numberParam(graph, 'latent', 'batch') !== 1 || numberParam(graph, 'sampler', 'denoise') !== 1)
    throw new Error('The bench expects the graph to make one image from pure noise');
  return {
    prompt: stringParam(graph, 'positive', 'prompt'),
    negative: stringParam(graph, 'negative', 'prompt'),
    seed: numberParam(graph, 'sampler', 'seed'),
    steps: numberParam(graph, 'sampler', 'steps'),
    cfg: numberParam(graph, 'sampler', 'cfg'),
    sampler: optionParam<SamplerName>(graph, 'sampler', 'sampler', SAMPLERS),
    scheduler: optionParam<SchedulerName>(graph, 'sampler', 'scheduler', SCHEDULERS),
    width: numberParam(graph, 'latent', 'width'),
    height: numberParam(graph, 'latent', 'height'),
  };
}

async function loadGraph(): Promise<GraphFile> {
  const loaded = loadGraphText(await readFile(GRAPH_FILE, 'utf8'));
  if (!loaded.ok) throw new Error(`${GRAPH_FILE.pathname}: ${loaded.error.message}`);
  return loaded.graph;
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

const root = await mkdtemp(join(tmpdir(), 'weft-bench-pipeline-'));
try {
  const fixtures = await ensureFixtures({ log: (line) => console.log(line) });
  const graph = await loadGraph();
  const settings = settingsOf(graph);
  const env: NodeJS.ProcessEnv = { ...process.env, WEFT_HOME: join(root, 'home') };
  // The bundled fixtures, wherever the caller's shell points WEFT_BUNDLED_MODELS.
  delete env.WEFT_BUNDLED_MODELS;
  const engine: Engine = await createHostEngine({
    paths: weftPaths(env),
    env,
    cacheDir: false,
    provider: 'cpu',
    onWarning: (message) => console.warn(message),
  });
  const direct: DirectPipeline = await openDirectPipeline(join(fixtures, 'diffusion/toy-sd'));

  /** node id → durationMs in the engine runs of the rounds (warm-ups too): where its time goes. */
  const nodeMs = new Map<string, number[]>();
  let timing = false;
  const runEngine = async (): Promise<Tensor> => {
    const events: RunEvent[] = [];
    const result = await engine.run(graph, {
      targets: [TARGET],
      outputDir: join(root, 'out'),
      inputRoots: [root],
      onEvent: (event) => events.push(event),
    });
    if (timing) {
      for (const [node, ms] of countNodes(events).ranMs) {
        nodeMs.set(node, [...(nodeMs.get(node) ?? []), ms]);
      }
    }
    const image = result.outputs.get(TARGET)?.image;
    if (result.status !== 'done' || !(image instanceof Tensor)) {
      throw new Error(
        `The engine's run ended ${result.status}: ${result.errors.map((error) => error.message).join('; ')}`,
      );
    }
    return image;
  };
  const runDirect = (): Promise<DirectImage> => generate(direct, settings);

  const difference = maxAbsDifference(await runEngine(), await runDirect());
  if (!(difference < SAME_IMAGE_TOLERANCE)) {
    throw new Error(
      `The engine's image and the direct one differ by up to ${difference}: not the same work`,
    );
  }

  console.log(`${describeMachine()}; ${describeLoad()} at start`);
  console.log(
    `graphs/txt2img.weft.json to "${TARGET}" (${settings.width}×${settings.height}, ${settings.steps} ${settings.sampler} steps, ` +
      `CFG ${settings.cfg}, seed ${settings.seed}) on the CPU; ${rounds} round(s) of ${repeats.warmup} warm-up ` +
      `and ${repeats.repetitions} timed runs per side; images agree to ${difference.toExponential(1)}.\n`,
  );
  const times = { engine: [] as number[], direct: [] as number[] };
  const nothing = () => Promise.resolve();
  timing = true;
  for (let round = 0; round < rounds; round++) {
    times.engine.push(
      ...(await timeRepeated(nothing, async () => void (await runEngine()), repeats)),
    );
    times.direct.push(
      ...(await timeRepeated(nothing, async () => void (await runDirect()), repeats)),
    );
  }

  const row = (label: string, samples: readonly number[]): string[] => [
    label,
    fixed(median(samples), 2),
    fixed(Math.min(...samples), 2),
    fixed(Math.max(...samples), 2),
  ];
  console.log(
    formatTable(
      ['run', 'median ms', 'min ms', 'max ms'],
      [
        row('Engine (createHostEngine, cache off)', times.engine),
        row('Direct (ORT sessions by hand)', times.direct),
      ],
    ),
  );
  console.log(`(${describeLoad()} at end)`);
  const nodeMedians = [...nodeMs].map(([node, ms]) => `${node} ${fixed(median(ms), 2)}`);
  console.log(`Engine node run times, medians in ms: ${nodeMedians.join(', ')}`);
  const ratio = median(times.engine) / median(times.direct);
  const extraMs = median(times.engine) - median(times.direct);
  console.log(
    `\nengine/direct: ${fixed(ratio, 3)}× (${fixed(extraMs, 2)} ms a run more; ` +
      `${ratio <= GOAL_RATIO ? 'goal met' : 'goal missed'}: ≤ ${GOAL_RATIO}×)`,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
