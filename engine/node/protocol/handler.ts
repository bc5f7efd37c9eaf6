/**
 * The engine host protocol, independent of its transport: `weft serve` feeds
 * it WebSocket messages, the desktop app's utility process feeds it IPC
 * messages. Every request is validated by the schemas of
 * engine/common/protocol/messages.ts before an operation sees it; every
 * answer is a Response; runs, downloads and library changes are pushed to
 * subscribers.
 *
 * The engine is built with host.ts from the saved settings; a settings
 * change rebuilds it, between runs (a run in progress keeps its engine).
 */
import { dirname, join } from 'node:path';
import type { GraphFile } from '../../common/graph/schema.ts';
import { loadGraphObject } from '../../common/graph/load.ts';
import type {
  Operation,
  OperationParams,
  OperationResult,
  PushMessage,
  Response,
  Settings,
} from '../../common/protocol/messages.ts';
import { parseRequest, PROTOCOL_VERSION } from '../../common/protocol/messages.ts';
import type { Engine } from '../engine.ts';
import { createHostEngine, versions } from '../host.ts';
import type { ModelLibrary } from '../models/library.ts';
import type { WeftPaths } from '../paths.ts';
import { listFiles, readTextFile, uploadFile, writeTextFile } from './files.ts';
import { ProtocolFailure } from './failure.ts';
import { Downloads, entryNameFor, listModels } from './models.ts';
import { RecoveryStore } from './recovery.ts';
import { getRun, listRuns } from './runHistory.ts';
import { RunSession } from './runSession.ts';
import { engineSettingsDiffer, providerInfo, readSettings, writeSettings } from './settings.ts';
import { Workspace } from './workspace.ts';

export interface ProtocolHandlerOptions {
  /** The folder clients may read and write (absolute). */
  workspace: string;
  paths: WeftPaths;
  env?: NodeJS.ProcessEnv;
  appVersion?: string;
  onWarning?: (message: string) => void;
}

export interface ProtocolHandler {
  handle(message: unknown): Promise<Response>;
  subscribe(listener: (message: PushMessage) => void): () => void;
  close(): Promise<void>;
}

type Operations = {
  [Op in Operation]: (params: OperationParams<Op>) => Promise<OperationResult<Op>>;
};

interface BuiltEngine {
  engine: Promise<Engine>;
  /** Whether its model library and session pool were opened (and need closing). */
  modelsOpened: boolean;
}

export async function createProtocolHandler(
  options: ProtocolHandlerOptions,
): Promise<ProtocolHandler> {
  const { paths } = options;
  const env = options.env ?? process.env;
  const warn = options.onWarning ?? (() => {});
  const workspace = await Workspace.open(options.workspace);
  const recovery = new RecoveryStore(join(paths.data, 'recovery'));
  const listeners = new Set<(message: PushMessage) => void>();
  const push = (message: PushMessage) => {
    for (const listener of listeners) {
      try {
        listener(message);
      } catch (error) {
        warn(`a protocol listener failed: ${(error as Error).message}`);
      }
    }
  };

  let settings = await readSettings(paths, warn);
  const build = (from: Settings): BuiltEngine => ({
    engine: createHostEngine({
      paths,
      env,
      cacheDir: from.cacheDir,
      memoryBudgetBytes: from.memoryBudgetMiB * 1024 * 1024,
      diskBudgetBytes: from.diskBudgetMiB * 1024 * 1024,
      provider: from.provider,
      onWarning: warn,
      onInfo: warn,
    }),
    modelsOpened: false,
  });
  let current = build(settings);
  let rebuildPending = false;
  /** Releases an engine's ONNX Runtime sessions (idle ones now, busy ones when done). */
  const retire = async (old: BuiltEngine): Promise<void> => {
    // The cache writes its disk entries and index behind runs ([C9]): finish both before the engine goes.
    // (An engine that never came up has nothing to save; its error was reported then.)
    await old.engine.then(
      (engine) =>
        engine
          .flush()
          .catch((error: unknown) => warn(`saving the cache: ${(error as Error).message}`)),
      () => undefined,
    );
    if (!old.modelsOpened) return;
    await old.engine
      .then((engine) => engine.openModels())
      .then((models) => models?.pool.close())
      .catch((error: unknown) => warn(`closing the old engine: ${(error as Error).message}`));
  };
  /** Synchronous on purpose: a request that arrives next already gets the new engine. */
  const rebuild = () => {
    rebuildPending = false;
    const old = current;
    current = build(settings);
    void retire(old);
  };

  const engine = () => current.engine;
  /** The model library, opened (and scanned) on first need. */
  let scanning: Promise<void> | undefined;
  const library = async (rescan: boolean): Promise<ModelLibrary | undefined> => {
    const built = current;
    built.modelsOpened = true;
    const models = await (await built.engine).openModels();
    if (rescan && models?.library) {
      scanning ??= models.library
        .scan()
        .then(() => undefined)
        .finally(() => (scanning = undefined));
      await scanning;
    }
    return models?.library;
  };

  const session = new RunSession({
    workspace,
    push,
    onWarning: warn,
    onFinished: async () => {
      if (rebuildPending) rebuild();
    },
  });
  const downloads = new Downloads({
    folder: async () => settings.modelsRoot,
    push,
    onDownloaded: async (path) => {
      const opened = await library(true);
      return opened ? entryNameFor(opened, path) : undefined;
    },
  });

  const loadGraph = (engineNow: Engine, payload: unknown): GraphFile => {
    const loaded = loadGraphObject(payload, {
      nodeTypes: (type) => engineNow.registry.get(type),
      source: 'The graph',
    });
    if (!loaded.ok) throw new ProtocolFailure('GRAPH_INVALID', loaded.error.message);
    return loaded.graph;
  };

  const operations: Operations = {
    hello: async () => ({
      protocol: PROTOCOL_VERSION,
      appVersion: options.appVersion ?? versions().weft ?? 'unknown',
      workspace: workspace.root,
      ...(session.activeRunId ? { activeRunId: session.activeRunId } : {}),
    }),
    catalog: async () => {
      await library(false).catch((error: unknown) =>
        warn(`The model library could not be opened: ${(error as Error).message}`),
      );
      return (await engine()).catalog();
    },
    'graph.validate': async ({ graph, targets }) => {
      const engineNow = await engine();
      return { issues: engineNow.validate(loadGraph(engineNow, graph), targets) };
    },
    'run.start': ({ graph, targets, path }) =>
      session.start(async () => {
        const engineNow = await engine();
        const folder =
          path === undefined
            ? undefined
            : dirname(join(workspace.root, ...workspace.segments(path)));
        return {
          engine: engineNow,
          graph: loadGraph(engineNow, graph),
          ...(targets ? { targets } : {}),
          inputRoots:
            folder && folder !== workspace.root ? [folder, workspace.root] : [workspace.root],
        };
      }),
    'run.cancel': async ({ runId }) => ({ cancelled: session.cancel(runId) }),
    'runs.list': ({ limit }) => listRuns(paths.runs, workspace, limit),
    'runs.get': ({ runId }) => getRun(paths.runs, workspace, runId),
    'models.list': async () => {
      const opened = await library(true);
      return opened
        ? listModels(opened)
        : { models: [], root: settings.modelsRoot, searchPaths: settings.modelSearchPaths };
    },
    'models.download': async (params) => downloads.start(params),
    'settings.get': async () => ({ settings, providers: await providerInfo() }),
    'settings.set': async (change) => {
      const next = await writeSettings(paths, change, warn);
      const changed = engineSettingsDiffer(settings, next);
      settings = next;
      if (changed) {
        if (session.activeRunId) rebuildPending = true;
        else rebuild();
      }
      return { settings };
    },
    'files.list': (params) => listFiles(workspace, params),
    'files.read': (params) => readTextFile(workspace, params),
    'files.write': (params) => writeTextFile(workspace, params),
    'files.upload': (params) => uploadFile(workspace, params),
    'recovery.write': async ({ key, text }) => {
      await recovery.write(key, text);
      return {};
    },
    'recovery.read': ({ key }) => recovery.read(key),
    'recovery.clear': async ({ key }) => {
      await recovery.clear(key);
      return {};
    },
  };

  let closed = false;
  return {
    async handle(message) {
      const request = parseRequest(message);
      if (!request.ok) return { id: request.id, ok: false, error: request.error };
      const { id, op, params } = request;
      if (closed)
        return {
          id,
          ok: false,
          error: { code: 'INTERNAL', message: 'The engine is shutting down.' },
        };
      try {
        const run = operations[op] as (params: unknown) => Promise<unknown>;
        return { id, ok: true, result: await run(params) };
      } catch (error) {
        if (error instanceof ProtocolFailure) return { id, ok: false, error: error.error };
        const text = error instanceof Error ? error.message : String(error);
        warn(`${op} failed: ${error instanceof Error && error.stack ? error.stack : text}`);
        return {
          id,
          ok: false,
          error: { code: 'INTERNAL', message: `Something went wrong inside Weft (${op}): ${text}` },
        };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([session.close(), downloads.close()]);
      listeners.clear();
      // Also when nothing used it: the engine may still be creating its cache folder.
      await current.engine.catch(() => undefined);
      await retire(current);
    },
  };
}
