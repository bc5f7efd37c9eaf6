/**
 * A real node context for node tests: the sharp codec, input files confined
 * to a fresh temp folder, an output writer into that folder, and progress
 * and log lines collected for assertions. Node packs stay pure; only their
 * tests import this.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeDefinitionSchema } from '../../common/catalog.ts';
import type { GraphFile } from '../../common/graph/schema.ts';
import type { ModelAccess } from '../../common/models.ts';
import type {
  NodeContext,
  NodeImplementation,
  NodeInputs,
  NodeOutputs,
  NodeParams,
  WrittenFile,
} from '../../common/nodeApi.ts';
import type { Tensor } from '../../common/tensor.ts';
import { createNodeContext } from '../context.ts';
import { createInputFiles } from '../io/inputFiles.ts';
import { createOutputWriter } from '../io/outputWriter.ts';
import { createSharpImageCodec } from '../media/sharpImages.ts';

export interface TestContext {
  ctx: NodeContext;
  /** The temp folder: the only input root, and the parent of the output folders. */
  root: string;
  outputDir: string;
  previewDir: string;
  written(): WrittenFile[];
  progress: { step: number; total: number; preview?: Tensor<'float32'> }[];
  logs: { level: 'info' | 'warn'; message: string }[];
  /** Writes a file under root (folders created) and returns its absolute path. */
  writeInput(relativePath: string, contents: Uint8Array | string): Promise<string>;
  cleanup(): Promise<void>;
}

export interface TestContextOptions {
  nodeId?: string;
  graph?: GraphFile;
  signal?: AbortSignal;
  /** ctx.models; without it, opening a model is a clear error. */
  models?: ModelAccess;
}

export const EMPTY_GRAPH: GraphFile = { format: 'weft/graph', version: 1, nodes: {} };

export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const root = await mkdtemp(join(tmpdir(), 'weft-node-test-'));
  const outputDir = join(root, 'output');
  const previewDir = join(root, 'previews');
  const writer = createOutputWriter({ outputDir, previewDir });
  const progress: TestContext['progress'] = [];
  const logs: TestContext['logs'] = [];
  const ctx = createNodeContext({
    nodeId: options.nodeId ?? 'node',
    signal: options.signal ?? new AbortController().signal,
    graph: options.graph ?? EMPTY_GRAPH,
    images: createSharpImageCodec(),
    files: createInputFiles({ roots: [root] }),
    ...(options.models ? { models: options.models } : {}),
    output: writer,
    onProgress: (step, total, preview) =>
      progress.push(preview ? { step, total, preview } : { step, total }),
    onLog: (level, message) => logs.push({ level, message }),
  });
  return {
    ctx,
    root,
    outputDir,
    previewDir,
    written: () => writer.written(),
    progress,
    logs,
    async writeInput(relativePath, contents) {
      const path = join(root, relativePath);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, contents);
      return path;
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * Runs a node the way the executor does: its definition must be valid, the
 * params start from the definition's defaults, and the outputs must be
 * exactly the declared ones.
 */
export async function runNode(
  node: NodeImplementation,
  inputs: NodeInputs,
  params: Partial<NodeParams>,
  ctx: NodeContext,
): Promise<NodeOutputs> {
  nodeDefinitionSchema.parse(node.definition);
  const effective: Record<string, NodeParams[string]> = {};
  for (const param of node.definition.params) effective[param.name] = param.default;
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (!(name in effective)) throw new Error(`${node.definition.type} has no param "${name}"`);
    effective[name] = value;
  }
  for (const name of Object.keys(inputs)) {
    if (!node.definition.inputs.some((port) => port.name === name)) {
      throw new Error(`${node.definition.type} has no input "${name}"`);
    }
  }
  const outputs = await node.run(inputs, effective, ctx);
  const declared = node.definition.outputs.map((port) => port.name).sort();
  const produced = Object.keys(outputs).sort();
  if (declared.join(',') !== produced.join(',')) {
    throw new Error(
      `${node.definition.type} produced [${produced.join(', ')}] but declares [${declared.join(', ')}]`,
    );
  }
  return outputs;
}
