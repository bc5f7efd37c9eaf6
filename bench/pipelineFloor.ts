/**
 * The floor under bench/pipeline's ratio: the work the engine's rules make it
 * do on every run that a hand-written script does not, each piece timed alone
 * with the engine's own functions on the bench's own graph and record. These
 * are lower bounds (a warm loop, nothing else running): if their sum is above
 * what a ratio allows, this engine cannot reach it on that workload. Their
 * system calls are timed apart, since no faster code removes them: if those
 * alone are above it, no engine that keeps the rules can.
 *
 * - [X5] validate the graph before running it (Engine.validate);
 * - [X8] hash the graph as run (its canonical text and sha256);
 * - [X8] write the run record (writeRunRecord, a record like the run's own);
 * - [C8] look at each file the run reads (one stat each), so a file changed
 *   on disk is noticed.
 */
import { createHash } from 'node:crypto';
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeGraph } from '../engine/common/graph/write.ts';
import type { GraphFile } from '../engine/common/graph/schema.ts';
import type { Engine } from '../engine/node/engine.ts';
import type { RunRecord } from '../engine/node/exec/runRecord.ts';
import { writeRunRecord } from '../engine/node/exec/runRecord.ts';
import { median, timeRepeated } from './stats.ts';

/** What a txt2img run to the VAE decode reads from a diffusers-layout pipeline folder. */
const TXT2IMG_FILES = [
  'model_index.json',
  'scheduler/scheduler_config.json',
  'tokenizer/vocab.json',
  'tokenizer/merges.txt',
  'tokenizer/special_tokens_map.json',
  'tokenizer/tokenizer_config.json',
  'text_encoder/config.json',
  'text_encoder/model.onnx',
  'unet/config.json',
  'unet/model.onnx',
  'vae_decoder/config.json',
  'vae_decoder/model.onnx',
];

export interface FloorItem {
  rule: string;
  what: string;
  ms: number;
  /** Of `ms`, the time in system calls alone: what no faster code could remove. */
  systemMs: number;
}

export interface FloorOptions {
  engine: Engine;
  /** The graph as a run gets it, and the run's targets. */
  graph: GraphFile;
  targets: readonly string[];
  /** A run record the engine wrote for this graph (RunResult.recordPath). */
  recordPath: string;
  pipelineFolder: string;
  /** A scratch folder for the records this writes (emptied after). */
  scratch: string;
  warmup?: number;
  repetitions?: number;
}

/** Median ms of `work` over `repetitions` runs after `warmup` (stats.ts's timeRepeated). */
async function medianOf(work: () => void, warmup: number, repetitions: number): Promise<number> {
  const none = async () => undefined;
  return median(await timeRepeated(none, async () => work(), { warmup, repetitions }));
}

export async function measureFloor(options: FloorOptions): Promise<FloorItem[]> {
  const { engine, graph, targets, warmup = 50, repetitions = 300 } = options;
  const record = JSON.parse(await readFile(options.recordPath, 'utf8')) as RunRecord;
  const files = TXT2IMG_FILES.map((file) => join(options.pipelineFolder, file));
  const validate = await medianOf(
    () => {
      if (engine.validate(graph, targets).some((issue) => issue.severity === 'error'))
        throw new Error('The bench graph does not validate');
    },
    warmup,
    repetitions,
  );
  const hash = await medianOf(
    () => createHash('sha256').update(serializeGraph(graph)).digest('hex'),
    warmup,
    repetitions,
  );
  // The record as the engine writes it, and the same file system work with the text ready (a
  // new file written, then renamed into place), taken in turns: this VM's file system speed
  // drifts from minute to minute, and both should see the same.
  const text = JSON.stringify(record, null, 2);
  const recordTimes: number[] = [];
  const systemTimes: number[] = [];
  for (let index = 0; index < warmup + repetitions; index++) {
    let started = performance.now();
    // writeRunRecord is async in name only (its writes are synchronous): the await costs a microtask.
    await writeRunRecord(options.scratch, { ...record, runId: `floor${index}` });
    const recordMs = performance.now() - started;
    const path = join(options.scratch, `system${index}.json`);
    started = performance.now();
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
    const systemMs = performance.now() - started;
    if (index < warmup) continue;
    recordTimes.push(recordMs);
    systemTimes.push(systemMs);
  }
  await rm(options.scratch, { recursive: true, force: true });
  const stats = await medianOf(
    () => {
      for (const file of files) statSync(file);
    },
    warmup,
    repetitions,
  );
  return [
    { rule: '[X5]', what: 'validate the graph', ms: validate, systemMs: 0 },
    { rule: '[X8]', what: 'hash the graph (canonical text, sha256)', ms: hash, systemMs: 0 },
    {
      rule: '[X8]',
      what: `write the run record (${(text.length / 1024).toFixed(1)} KiB: a file written and renamed)`,
      ms: median(recordTimes),
      systemMs: median(systemTimes),
    },
    {
      rule: '[C8]',
      what: `stat the ${files.length} files the run reads`,
      ms: stats,
      systemMs: stats,
    },
  ];
}
