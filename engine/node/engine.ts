/**
 * The engine's one entry: load a graph, validate it, run it (whole, or up to
 * chosen targets) while streaming typed events, cancel it. The CLI, `weft
 * serve` and the desktop app all build this same object with the same
 * adapters.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Catalog } from '../common/catalog.ts';
import type { ModelKind } from '../common/models.ts';
import type { ErrorInfo, RunEvent, RunStatus } from '../common/events.ts';
import type { GraphLoadResult } from '../common/graph/load.ts';
import { loadGraphText } from '../common/graph/load.ts';
import { applyNodeModes } from '../common/graph/modes.ts';
import type { GraphFile } from '../common/graph/schema.ts';
import { serializeGraph } from '../common/graph/write.ts';
import type { ImageCodec, NodeOutputs, WrittenFile } from '../common/nodeApi.ts';
import type { NodeRegistry } from '../common/registry.ts';
import type { ValidationIssue } from '../common/validate/validate.ts';
import { validateGraph } from '../common/validate/validate.ts';
import { createNodeContext } from './context.ts';
import type { NodeCache, NodeOutcome } from './exec/executor.ts';
import { executePlan } from './exec/executor.ts';
import { computeKeys } from './exec/keys.ts';
import { planExecution } from './exec/plan.ts';
import { writeRunRecord } from './exec/runRecord.ts';
import { createInputFiles } from './io/inputFiles.ts';
import { DerivedCache } from './cache/derivedCache.ts';
import { createModelAccess } from './modelAccess.ts';
import type { ModelLibrary } from './models/library.ts';
import type { SessionPool } from './onnx/sessionPool.ts';
import { createOutputWriter } from './io/outputWriter.ts';

export interface EngineOptions {
  registry: NodeRegistry;
  images: ImageCodec;
  cache?: NodeCache;
  /** How many node run functions may execute at once. */
  concurrency?: number;
  /** Where run records are written; none when absent. */
  runsDir?: string;
  /** The execution provider in use, reported in events and records. */
  provider?: string;
  versions?: Record<string, string>;
  /**
   * Opens the model library and the session pool: called on first need, since
   * loading ONNX Runtime and scanning the library is wasted work for graphs
   * that use no model.
   */
  models?: () => Promise<EngineModels>;
  now?: () => number;
  onWarning?: (message: string) => void;
}

export interface EngineModels {
  pool: SessionPool;
  library: ModelLibrary | undefined;
  /** The ONNX Runtime version, for run records. */
  runtimeVersion: string;
}

export interface RunOptions {
  /** Run only what these nodes need (they become the roots). */
  targets?: readonly string[];
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  outputDir: string;
  /** Scratch folder for preview images; defaults to <outputDir>/.previews. */
  previewDir?: string;
  /** Folders nodes may read input files from; the first resolves relative paths. */
  inputRoots: readonly string[];
  runId?: string;
  /**
   * Whether progress events carry preview images (throttled, see
   * exec/preview.ts). Default: when there is an onEvent to receive them.
   */
  previews?: boolean;
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  durationMs: number;
  files: WrittenFile[];
  errors: ErrorInfo[];
  outcomes: Map<string, NodeOutcome>;
  /** The outputs of the roots (targets or output nodes) that succeeded. */
  outputs: Map<string, NodeOutputs>;
  recordPath?: string;
}

/** Thrown by run() when the graph cannot run at all; carries every issue. */
export class GraphInvalidError extends Error {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(
      `The graph has ${issues.length} problem${issues.length === 1 ? '' : 's'} to fix before it can run.`,
    );
    this.name = 'GraphInvalidError';
    this.issues = issues;
  }
}

export class Engine {
  readonly #options: EngineOptions;
  readonly #now: () => number;
  #models: EngineModels | undefined;
  #modelsOpening: Promise<EngineModels> | undefined;
  /** Tokenizers and small model files, kept across runs while unchanged (ctx.models). */
  readonly #derived = new DerivedCache();

  constructor(options: EngineOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get registry(): NodeRegistry {
    return this.#options.registry;
  }

  /** Every node definition; model params list the library's models once it is open. */
  catalog(): Catalog {
    const catalog = this.#options.registry.catalog();
    const library = this.#models?.library;
    if (!library) return catalog;
    return {
      nodes: catalog.nodes.map((node) => ({
        ...node,
        params: node.params.map((param) =>
          param.kind === 'model'
            ? {
                ...param,
                options: library
                  .list(param.modelKind as ModelKind)
                  .filter((entry) => !entry.shadowed)
                  .map((entry) => entry.name),
              }
            : param,
        ),
      })),
    };
  }

  /**
   * Finishes what the cache does behind runs ([C9]): the disk writes under
   * way, then its index. Call before the process exits; long-lived hosts
   * need not, as both land soon after.
   */
  async flush(): Promise<void> {
    await this.#options.cache?.flush?.();
  }

  /** Opens the model library (scanning it) and the session pool now; later calls reuse them. */
  async openModels(): Promise<EngineModels | undefined> {
    if (!this.#options.models) return undefined;
    this.#modelsOpening ??= this.#options.models();
    this.#models = await this.#modelsOpening;
    return this.#models;
  }

  load(text: string, source?: string): GraphLoadResult {
    return loadGraphText(text, {
      nodeTypes: (type) => this.#options.registry.get(type),
      ...(source ? { source } : {}),
    });
  }

  /** Checks the graph as it runs: bypassed and muted nodes left out ([F20]). */
  validate(graph: GraphFile, targets?: readonly string[]): ValidationIssue[] {
    const registry = this.#options.registry;
    const runnable = applyNodeModes(graph, (type) => registry.definition(type));
    return validateGraph(runnable, registry, targets ? { targets } : undefined);
  }

  /**
   * `document` is the graph as the user has it; what executes is that graph
   * with its bypassed and muted nodes applied ([F20]), while the run record
   * and the graph embedded in outputs keep the document itself.
   */
  async run(document: GraphFile, options: RunOptions): Promise<RunResult> {
    const { registry } = this.#options;
    const graph = applyNodeModes(document, (type) => registry.definition(type));
    const now = this.#now;
    const runId = options.runId ?? randomUUID().slice(0, 8);
    const emit = options.onEvent ?? (() => {});
    const signal = options.signal ?? new AbortController().signal;
    const provider = this.#options.provider ?? 'cpu';

    // [X5] only problems in what this run needs block it.
    const issues = validateGraph(
      graph,
      registry,
      options.targets ? { targets: options.targets } : undefined,
    );
    const plan = planExecution(
      graph,
      registry,
      options.targets?.filter((id) => graph.nodes[id]),
    );
    const needed = new Set(plan.order);
    const blocking = issues.filter(
      (issue) =>
        issue.severity === 'error' && (issue.nodeId === undefined || needed.has(issue.nodeId)),
    );
    if (blocking.length > 0) throw new GraphInvalidError(blocking);

    const graphText = serializeGraph(document);
    const graphHash = createHash('sha256').update(graphText).digest('hex');
    const keys = this.#options.cache ? computeKeys(graph, plan, registry, runId) : undefined;
    const images = this.#options.images;
    const usesModels = plan.order.some((id) =>
      registry.definition(graph.nodes[id]!.type)?.params.some((param) => param.kind === 'model'),
    );
    const models = usesModels ? await this.openModels() : this.#models;
    const writer = createOutputWriter({
      outputDir: options.outputDir,
      previewDir: options.previewDir ?? `${options.outputDir}/.previews`,
    });
    const onWarning = this.#options.onWarning ?? (() => {});

    /** "<model path>\0<provider>" for each model session this run used ([X8]). */
    const providersUsed = new Set<string>();
    const startedAt = now();
    emit({ runId, time: startedAt, type: 'run-start', graphHash, nodes: plan.order, provider });
    const result = await executePlan({
      runId,
      graph,
      plan,
      keys,
      registry,
      cache: this.#options.cache,
      concurrency: this.#options.concurrency ?? 4,
      signal,
      emit,
      now,
      previews: options.previews ?? options.onEvent !== undefined,
      output: writer,
      makeContext: ({ nodeId, output, onProgress, wantsPreview, onLog, onRead, atEnd }) =>
        createNodeContext({
          nodeId,
          signal,
          graph: document,
          images,
          files: createInputFiles({ roots: options.inputRoots, onRead }),
          output,
          ...(models
            ? {
                models: createModelAccess({
                  ...models,
                  onRead,
                  atEnd,
                  derived: this.#derived,
                  onOpen: (model) => {
                    if (providersUsed.has(`${model.path}\0${model.provider}`)) return;
                    providersUsed.add(`${model.path}\0${model.provider}`);
                    emit({
                      runId,
                      time: now(),
                      type: 'log',
                      level: 'info',
                      nodeId,
                      message: `${model.name} runs on ${model.provider.toUpperCase()}.`,
                    });
                  },
                }),
              }
            : {}),
          onProgress,
          wantsPreview,
          onLog,
        }),
      onCacheWarning: (message) => {
        onWarning(message);
        emit({ runId, time: now(), type: 'log', level: 'warn', message });
      },
    });

    const durationMs = now() - startedAt;
    const written = writer.written().filter((file) => file.kind === 'output');
    const errors = [...result.outcomes.values()].flatMap((outcome) =>
      outcome.status === 'failed' ? [outcome.error] : [],
    );
    const status: RunStatus = result.cancelled
      ? 'cancelled'
      : errors.length > 0
        ? 'failed'
        : 'done';
    const paths = written.map((file) => file.path);
    const time = now();
    if (status === 'done') emit({ runId, time, type: 'run-done', durationMs, files: paths });
    else if (status === 'cancelled')
      emit({ runId, time, type: 'run-cancelled', durationMs, files: paths });
    else emit({ runId, time, type: 'run-failed', durationMs, files: paths, errors });

    let recordPath: string | undefined;
    if (this.#options.runsDir) {
      const nodes: Record<string, { type: string } & NodeOutcome> = {};
      for (const [nodeId, outcome] of result.outcomes)
        nodes[nodeId] = { type: graph.nodes[nodeId]!.type, ...outcome };
      recordPath = await writeRunRecord(this.#options.runsDir, {
        format: 'weft/run',
        runId,
        status,
        startedAt: new Date(startedAt).toISOString(),
        durationMs,
        graphHash,
        targets: plan.roots,
        provider,
        providersUsed: [
          ...new Set([...providersUsed].map((entry) => entry.split('\0')[1]!)),
        ].sort(),
        versions: {
          ...this.#options.versions,
          ...(models ? { onnxruntime: models.runtimeVersion } : {}),
        },
        nodes,
        files: paths,
        errors,
        graph: document,
      });
    }
    return {
      runId,
      status,
      durationMs,
      files: written,
      errors,
      outcomes: result.outcomes,
      outputs: result.outputs,
      ...(recordPath ? { recordPath } : {}),
    };
  }
}
