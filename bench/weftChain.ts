/**
 * The Weft side of the overhead bench: start(0) → `length` add-one nodes →
 * an output node, run through `Engine.run` exactly as a host runs a graph
 * (validation, planning, cache keys, events, the executor), so per-run setup
 * is in the figure just as Rivet's is.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphFile, GraphNode } from '../engine/common/graph/schema.ts';
import { defineNode } from '../engine/common/nodeApi.ts';
import { NodeRegistry } from '../engine/common/registry.ts';
import type { NodeCache } from '../engine/node/exec/executor.ts';
import { Engine } from '../engine/node/engine.ts';
import { createSharpImageCodec } from '../engine/node/media/sharpImages.ts';

export function createChainRegistry(): NodeRegistry {
  return new NodeRegistry().register(
    defineNode({
      definition: {
        type: 'bench/start',
        version: 1,
        title: 'Start',
        category: 'Bench',
        description: 'Outputs its value.',
        inputs: [],
        outputs: [{ name: 'value', type: 'FLOAT' }],
        params: [{ kind: 'float', name: 'value', default: 0 }],
      },
      run: async (_inputs, params) => ({ value: params.value as number }),
    }),
    defineNode({
      definition: {
        type: 'bench/add-one',
        version: 1,
        title: 'Add one',
        category: 'Bench',
        description: 'value + 1',
        inputs: [{ name: 'value', type: 'FLOAT' }],
        outputs: [{ name: 'value', type: 'FLOAT' }],
        params: [],
      },
      run: async (inputs) => ({ value: (inputs.value as number) + 1 }),
    }),
    defineNode({
      definition: {
        type: 'bench/result',
        version: 1,
        title: 'Result',
        category: 'Bench',
        description: 'An output node that hands its input back.',
        inputs: [{ name: 'value', type: 'FLOAT' }],
        outputs: [{ name: 'value', type: 'FLOAT' }],
        params: [],
        flags: { output: true },
      },
      run: async (inputs) => ({ value: inputs.value as number }),
    }),
  );
}

export function buildWeftChain(length: number): GraphFile {
  const nodes: Record<string, GraphNode> = { start: { type: 'bench/start', params: { value: 0 } } };
  let previous = 'start';
  for (let index = 1; index <= length; index++) {
    nodes[`add${index}`] = { type: 'bench/add-one', inputs: { value: `${previous}.value` } };
    previous = `add${index}`;
  }
  nodes['result'] = { type: 'bench/result', inputs: { value: `${previous}.value` } };
  return { format: 'weft/graph', version: 1, nodes };
}

export interface WeftChainRunner {
  /** Runs the chain once; returns the result node's value and how many events it emitted. */
  run(cache: NodeCache | undefined): Promise<{ value: number; events: number }>;
  /** Removes the runner's scratch folder. */
  close(): Promise<void>;
}

export async function createWeftChainRunner(graph: GraphFile): Promise<WeftChainRunner> {
  const registry = createChainRegistry();
  const images = createSharpImageCodec();
  const folder = await mkdtemp(join(tmpdir(), 'weft-bench-chain-'));
  return {
    run: async (cache) => {
      const engine = new Engine({ registry, images, ...(cache ? { cache } : {}), concurrency: 4 });
      let events = 0;
      const result = await engine.run(graph, {
        outputDir: join(folder, 'out'),
        inputRoots: [folder],
        onEvent: () => {
          events++;
        },
      });
      if (result.status !== 'done') {
        throw new Error(
          `The Weft chain ended ${result.status}: ${result.errors.map((error) => error.message).join('; ')}`,
        );
      }
      const output = result.outputs.get('result')?.['value'];
      if (typeof output !== 'number')
        throw new Error(`The Weft chain returned ${JSON.stringify(output)} instead of a number`);
      return { value: output, events };
    },
    close: () => rm(folder, { recursive: true, force: true }),
  };
}
