/**
 * Runs a planned graph: pulls each root's inputs recursively, looks every
 * node up in the cache before visiting its inputs (so a cached node's
 * upstream is never touched), runs independent branches concurrently under a
 * limit, and turns failures into events without stopping unrelated branches.
 * Each node's ctx gets a preview gate (previews are throttled, preview.ts)
 * and an `atEnd` list run once its run function settles (model sessions held
 * for the node are released there).
 * The rules are in engine/SPEC.md ([X1]–[X8], [C1]–[C6], [E1]).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ErrorInfo, RunEvent } from '../../common/events.ts';
import type { GraphFile } from '../../common/graph/schema.ts';
import { parseReference } from '../../common/graph/schema.ts';
import type {
  NodeContext,
  NodeImplementation,
  NodeOutputs,
  OutputWriter,
  WrittenFile,
} from '../../common/nodeApi.ts';
import type { ParamValue } from '../../common/catalog.ts';
import type { NodeRegistry } from '../../common/registry.ts';
import type { Tensor } from '../../common/tensor.ts';
import { effectiveParams } from '../../common/validate/params.ts';
import type { Value } from '../../common/values.ts';
import { describeValue } from '../../common/values.ts';
import type { FileRead } from '../io/inputFiles.ts';
import { describeFailure, isAbortError } from './failure.ts';
import { validOutputs, withReads } from './fileReads.ts';
import type { NodeKey } from './keys.ts';
import type { ExecutionPlan } from './plan.ts';
import { createPreviewGate, previewToEvent } from './preview.ts';
import { Semaphore } from './semaphore.ts';

/** The cache as the executor sees it (the tiered cache fits). */
export interface NodeCache {
  get(key: string): Promise<{ outputs: NodeOutputs; tier: 'memory' | 'disk' } | undefined>;
  /** Resolves once a get() would find the outputs; slower tiers may still be writing ([C9]). */
  set(key: string, outputs: NodeOutputs): Promise<void>;
  /** Finishes whatever the cache does later (disk writes, its index) now. */
  flush?(): Promise<void>;
}

export type NodeOutcome =
  | { status: 'done'; durationMs: number; files: WrittenFile[] }
  | { status: 'cached'; tier: 'memory' | 'disk' }
  | { status: 'failed'; error: ErrorInfo; durationMs: number }
  | { status: 'skipped'; reason: 'upstream-failed' | 'cancelled'; cause?: string };

export interface ExecuteOptions {
  runId: string;
  graph: GraphFile;
  plan: ExecutionPlan;
  /** Cache keys; absent when there is no cache (computing them would be wasted work). */
  keys: ReadonlyMap<string, NodeKey> | undefined;
  registry: NodeRegistry;
  cache: NodeCache | undefined;
  concurrency: number;
  signal: AbortSignal;
  emit: (event: RunEvent) => void;
  now: () => number;
  /** Whether progress events carry previews at all (false when nobody listens); throttled when on. */
  previews: boolean;
  output: OutputWriter;
  makeContext: (parts: {
    nodeId: string;
    output: OutputWriter;
    onProgress: (step: number, total: number, preview?: Tensor<'float32'>) => void;
    wantsPreview: () => boolean;
    onLog: (level: 'info' | 'warn', message: string) => void;
    onRead: (read: FileRead) => void;
    /** Runs `cleanup` once the node's run function has settled (releases held model sessions). */
    atEnd: (cleanup: () => void) => void;
  }) => NodeContext;
  onCacheWarning: (message: string) => void;
}

export interface ExecuteResult {
  outcomes: Map<string, NodeOutcome>;
  /** Root outputs by node id (what `--targets` asked for). */
  outputs: Map<string, NodeOutputs>;
  cancelled: boolean;
}

type Pulled = { ok: true; outputs: NodeOutputs } | { ok: false; cause: string };

export async function executePlan(options: ExecuteOptions): Promise<ExecuteResult> {
  const { graph, registry, keys, emit, now, runId, signal } = options;
  const semaphore = new Semaphore(options.concurrency);
  const outcomes = new Map<string, NodeOutcome>();
  const pulls = new Map<string, Promise<Pulled>>();
  const cacheWrites: Promise<void>[] = [];

  const pull = (nodeId: string): Promise<Pulled> => {
    let pending = pulls.get(nodeId);
    if (!pending) {
      pending = visit(nodeId);
      pulls.set(nodeId, pending);
    }
    return pending;
  };

  const visit = async (nodeId: string): Promise<Pulled> => {
    const node = graph.nodes[nodeId]!;
    const implementation = registry.get(node.type);
    const nodeKey = keys?.get(nodeId);
    const nodeType = node.type;
    const isOutputNode = implementation?.definition.flags?.output === true;

    // [C3] a hit answers for the node and its whole upstream.
    if (options.cache && nodeKey?.cacheable && !isOutputNode && implementation) {
      const hit = await options.cache.get(nodeKey.key);
      const outputs = hit && (await validOutputs(hit.outputs));
      if (hit && outputs) {
        outcomes.set(nodeId, { status: 'cached', tier: hit.tier });
        // Events are built field by field: object spread costs ~2 µs a call in Node 20 (bench/overhead).
        emit({
          type: 'node-cached',
          runId,
          nodeId,
          nodeType,
          time: now(),
          tier: hit.tier,
          outputs: summarize(outputs),
        });
        return { ok: true, outputs };
      }
    }

    const upstream = options.plan.upstream.get(nodeId) ?? [];
    const pulled = await Promise.all(upstream.map(async (id) => [id, await pull(id)] as const));
    const failed = pulled.find(([, result]) => !result.ok);
    if (failed) {
      const cause = (failed[1] as { cause: string }).cause;
      return skip(nodeId, signal.aborted ? 'cancelled' : 'upstream-failed', cause);
    }
    const upstreamOutputs = new Map(
      pulled.map(([id, result]) => [id, (result as { outputs: NodeOutputs }).outputs]),
    );

    const release = await semaphore.acquire();
    try {
      // Let the event loop breathe between nodes: without a macrotask turn a
      // chain of synchronous nodes is one long microtask, and Ctrl+C, a
      // cancel message or an IPC request would wait for the whole run ([K1]).
      await nextTurn();
      if (signal.aborted) return skip(nodeId, 'cancelled');
      if (!implementation) {
        return fail(nodeId, 0, {
          code: 'MISSING_NODE_TYPE',
          message: `Node "${nodeId}" is a "${node.type}" node, but no installed node pack provides that type. Install the pack that provides it, or remove the node.`,
          nodeId,
          nodeType: node.type,
        });
      }
      return await runNode(nodeId, implementation, upstreamOutputs, nodeKey, isOutputNode);
    } finally {
      release();
    }
  };

  const runNode = async (
    nodeId: string,
    implementation: NodeImplementation,
    upstreamOutputs: ReadonlyMap<string, NodeOutputs>,
    nodeKey: NodeKey | undefined,
    isOutputNode: boolean,
  ): Promise<Pulled> => {
    const node = graph.nodes[nodeId]!;
    const definition = implementation.definition;
    const nodeType = node.type;
    const params: Record<string, ParamValue> = effectiveParams(node, definition);
    const inputs: Record<string, Value> = {};
    const paramNames = new Set(definition.params.map((param) => param.name));
    for (const [name, reference] of Object.entries(node.inputs ?? {})) {
      const parsed = parseReference(reference);
      const value = parsed ? upstreamOutputs.get(parsed.nodeId)?.[parsed.name] : undefined;
      if (value === undefined) continue;
      // [X7] a connection into a param overrides its widget value.
      if (paramNames.has(name)) params[name] = value as ParamValue;
      else inputs[name] = value;
    }

    const files: WrittenFile[] = [];
    const reads: FileRead[] = [];
    const cleanups: (() => void)[] = [];
    const previews = createPreviewGate(options.previews, now);
    const output: OutputWriter = {
      write: async (fileName, bytes, kind) => {
        const written = await options.output.write(fileName, bytes, kind);
        files.push(written);
        return written;
      },
    };
    const context = options.makeContext({
      nodeId,
      output,
      onProgress: (step, total, preview) =>
        emit(
          preview && previews.take()
            ? {
                type: 'node-progress',
                runId,
                nodeId,
                nodeType,
                time: now(),
                step,
                total,
                preview: previewToEvent(preview),
              }
            : { type: 'node-progress', runId, nodeId, nodeType, time: now(), step, total },
        ),
      wantsPreview: previews.due,
      onLog: (level, message) => emit({ runId, time: now(), type: 'log', level, nodeId, message }),
      onRead: (read) => reads.push(read),
      atEnd: (cleanup) => cleanups.push(cleanup),
    });

    const started = now();
    emit({ type: 'node-start', runId, nodeId, nodeType, time: started });
    let outputs: NodeOutputs;
    try {
      outputs = await implementation.run(inputs, params, context);
    } catch (error) {
      if (signal.aborted && isAbortError(error, signal)) return skip(nodeId, 'cancelled');
      return fail(nodeId, now() - started, describeFailure(error, nodeId, definition, inputs));
    } finally {
      for (const cleanup of cleanups) cleanup();
    }
    const missing = definition.outputs.find((port) => outputs[port.name] === undefined);
    if (missing) {
      return fail(nodeId, now() - started, {
        code: 'NODE_OUTPUT_MISSING',
        message: `Node "${nodeId}" (${definition.title}) finished without producing its "${missing.name}" output. This is a bug in the node pack that provides "${definition.type}".`,
        nodeId,
        nodeType: definition.type,
      });
    }
    const durationMs = now() - started;
    outcomes.set(nodeId, { status: 'done', durationMs, files });
    emit({
      type: 'node-done',
      runId,
      nodeId,
      nodeType,
      time: now(),
      durationMs,
      outputs: summarize(outputs),
      files: files.map((file) => file.path),
    });
    if (options.cache && nodeKey?.cacheable && !isOutputNode) {
      cacheWrites.push(
        options.cache.set(nodeKey.key, withReads(outputs, reads)).catch((error: unknown) => {
          options.onCacheWarning(
            `Could not store the result of node "${nodeId}" in the cache: ${String(error)}`,
          );
        }),
      );
    }
    return { ok: true, outputs };
  };

  const skip = (
    nodeId: string,
    reason: 'upstream-failed' | 'cancelled',
    cause?: string,
  ): Pulled => {
    outcomes.set(nodeId, { status: 'skipped', reason, ...(cause ? { cause } : {}) });
    const nodeType = graph.nodes[nodeId]!.type;
    emit({
      runId,
      time: now(),
      type: 'node-skipped',
      nodeId,
      nodeType,
      reason,
      ...(cause ? { cause } : {}),
    });
    return { ok: false, cause: cause ?? nodeId };
  };

  const fail = (nodeId: string, durationMs: number, error: ErrorInfo): Pulled => {
    outcomes.set(nodeId, { status: 'failed', error, durationMs });
    emit({
      runId,
      time: now(),
      type: 'node-error',
      nodeId,
      nodeType: graph.nodes[nodeId]!.type,
      error,
    });
    return { ok: false, cause: nodeId };
  };

  const results = await Promise.all(
    options.plan.roots.map(async (root) => [root, await pull(root)] as const),
  );
  await Promise.all(cacheWrites);
  const outputs = new Map<string, NodeOutputs>();
  for (const [root, result] of results) if (result.ok) outputs.set(root, result.outputs);
  return { outcomes, outputs, cancelled: signal.aborted };
}

function summarize(outputs: NodeOutputs): Record<string, string> {
  const summary: Record<string, string> = {};
  for (const [name, value] of Object.entries(outputs)) summary[name] = describeValue(value);
  return summary;
}
