/**
 * graphs/txt2img.weft.json as bench/pipeline.ts uses it: its settings read
 * from the file (so the direct side does exactly what the graph says), and
 * copies of it with another seed, step count or batch size (what a user
 * re-running the graph with `--set sampler.seed=…` gets).
 */
import { readFile } from 'node:fs/promises';
import type { SamplerName, SchedulerName } from '../engine/common/diffusion/samplers/types.ts';
import { SAMPLERS, SCHEDULERS } from '../engine/common/diffusion/samplers/types.ts';
import { loadGraphText } from '../engine/common/graph/load.ts';
import type { GraphFile } from '../engine/common/graph/schema.ts';
import type { Txt2ImgSettings } from './directTxt2img.ts';

export const GRAPH_FILE = new URL('../graphs/txt2img.weft.json', import.meta.url);

export async function loadTxt2imgGraph(): Promise<GraphFile> {
  const loaded = loadGraphText(await readFile(GRAPH_FILE, 'utf8'));
  if (!loaded.ok) throw new Error(`${GRAPH_FILE.pathname}: ${loaded.error.message}`);
  return loaded.graph;
}

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

/** The graph's own settings. */
export function settingsOf(graph: GraphFile): Txt2ImgSettings {
  if (numberParam(graph, 'sampler', 'denoise') !== 1)
    throw new Error('The bench expects the graph to make its images from pure noise');
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
    batch: numberParam(graph, 'latent', 'batch'),
  };
}

/** A copy of the graph with the sampler's seed and steps and the latent's batch replaced. */
export function withSettings(
  graph: GraphFile,
  changes: { seed: number; steps: number; batch: number },
): GraphFile {
  const copy = structuredClone(graph);
  const sampler = copy.nodes.sampler!;
  const latent = copy.nodes.latent!;
  sampler.params = { ...sampler.params, seed: changes.seed, steps: changes.steps };
  latent.params = { ...latent.params, batch: changes.batch };
  return copy;
}
