/**
 * The engine host protocol: one set of typed messages for every transport
 * (the WebSocket of `weft serve`, the Electron preload bridge to the engine's
 * utility process). Hosts validate every request with these schemas before
 * acting on it; the renderer's client is typed by the same table, so a renamed
 * field fails to compile on both sides.
 *
 * Paths in this protocol are workspace-relative and use "/" (a host never
 * reveals or accepts absolute paths). Pure: no Node built-ins.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog.ts';
import type { ErrorInfo, RunEvent, RunStatus } from '../events.ts';
import type { GraphFile } from '../graph/schema.ts';
import type { ModelSummary } from '../models.ts';
import type { ValidationIssue } from '../validate/validate.ts';

export const PROTOCOL_VERSION = 1;

/** The message of a refused workspace path; parseRequest answers it with OUTSIDE_WORKSPACE. */
export const OUTSIDE_WORKSPACE_MESSAGE =
  'a path inside the workspace, written with "/" and without ".."';

/** A workspace-relative path: no leading "/", no "..", no backslashes, no drive letters. */
export const workspacePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (path) =>
      !path.startsWith('/') &&
      !path.includes('\\') &&
      !/^[A-Za-z]:/.test(path) &&
      !path.includes('\0') &&
      path.split('/').every((part) => part !== '..' && part !== ''),
    OUTSIDE_WORKSPACE_MESSAGE,
  );

export const PROVIDER_CHOICES = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'] as const;

export const settingsSchema = z.object({
  /** Which execution provider ONNX Runtime should use ('auto' picks the best available). */
  provider: z.enum(PROVIDER_CHOICES),
  /** Memory tier budget of the tensor cache, in MiB. */
  memoryBudgetMiB: z
    .number()
    .int()
    .min(64)
    .max(1024 * 1024),
  /** Disk tier budget of the tensor cache, in MiB. */
  diskBudgetMiB: z
    .number()
    .int()
    .min(0)
    .max(64 * 1024 * 1024),
  /** The disk cache folder (absolute; shown in settings, not a workspace path). */
  cacheDir: z.string().min(1),
  /** The model library folder, and extra folders searched for models. */
  modelsRoot: z.string().min(1),
  modelSearchPaths: z.array(z.string().min(1)),
});
export type Settings = z.infer<typeof settingsSchema>;

const empty = z.object({}).strict();
/** The graph travels as its JSON object; the host loads it through the same loader as a file. */
const graphPayload = z.unknown();

/** Every operation: its params (validated by hosts) and its result type. */
export const operations = {
  hello: { params: empty },
  catalog: { params: empty },
  'graph.validate': {
    params: z.object({ graph: graphPayload, targets: z.array(z.string()).optional() }).strict(),
  },
  'run.start': {
    params: z
      .object({
        graph: graphPayload,
        targets: z.array(z.string()).optional(),
        /** The graph's file, when saved: its relative input files resolve from its folder first. */
        path: workspacePathSchema.optional(),
      })
      .strict(),
  },
  'run.cancel': { params: z.object({ runId: z.string().min(1) }).strict() },
  'runs.list': {
    params: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
  },
  'runs.get': { params: z.object({ runId: z.string().min(1).max(200) }).strict() },
  'models.list': { params: empty },
  'models.download': {
    params: z
      .object({
        url: z.string().url(),
        kind: z.string().min(1),
        name: z.string().min(1).optional(),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
      })
      .strict(),
  },
  'settings.get': { params: empty },
  'settings.set': { params: settingsSchema.partial().strict() },
  'files.list': { params: z.object({ dir: workspacePathSchema.optional() }).strict() },
  'files.read': { params: z.object({ path: workspacePathSchema }).strict() },
  'files.write': {
    params: z
      .object({
        path: workspacePathSchema,
        text: z.string().max(64 * 1024 * 1024),
        /** false: refuse with FILE_EXISTS when the file is there (save-as asks first). */
        overwrite: z.boolean(),
      })
      .strict(),
  },
  'files.upload': {
    params: z
      .object({
        /** The dropped file's name; the host keeps its extension and never overwrites. */
        name: z.string().min(1).max(255),
        dataBase64: z.string().max(256 * 1024 * 1024),
        /** The workspace folder to put it in (default "inputs"). */
        dir: workspacePathSchema.optional(),
      })
      .strict(),
  },
  'recovery.write': {
    params: z.object({ key: z.string().min(1).max(200), text: z.string() }).strict(),
  },
  'recovery.read': { params: z.object({ key: z.string().min(1).max(200) }).strict() },
  'recovery.clear': { params: z.object({ key: z.string().min(1).max(200) }).strict() },
} as const;

export type Operation = keyof typeof operations;
export const OPERATION_NAMES = Object.keys(operations) as Operation[];
export type OperationParams<Op extends Operation> = z.infer<(typeof operations)[Op]['params']>;

export interface FileEntry {
  name: string;
  /** Workspace-relative. */
  path: string;
  kind: 'file' | 'dir';
  size: number;
  /** Milliseconds since the Unix epoch. */
  modified: number;
}

export interface RunSummary {
  runId: string;
  status: RunStatus;
  startedAt: string;
  durationMs: number;
  title: string;
  /** Workspace-relative output files. */
  files: string[];
  errors: ErrorInfo[];
}

export interface ModelListing extends Omit<ModelSummary, 'path'> {
  /** Where it was found, as the user would recognise it (absolute on this machine). */
  location: string;
  sizeBytes: number;
  sha256?: string;
}

export interface ProviderInfo {
  name: string;
  label: string;
  available: boolean;
  /** Why it is not available, in a sentence. */
  reason?: string;
}

/** What each operation returns. */
export interface OperationResults {
  hello: {
    protocol: number;
    appVersion: string;
    /** The workspace folder, for display. */
    workspace: string;
    /** A run in progress (after a reconnect the client resumes showing it). */
    activeRunId?: string;
  };
  catalog: Catalog;
  'graph.validate': { issues: ValidationIssue[] };
  'run.start': { runId: string };
  'run.cancel': { cancelled: boolean };
  'runs.list': { runs: RunSummary[] };
  'runs.get': { summary: RunSummary; graph: GraphFile; nodes: Record<string, unknown> };
  'models.list': { models: ModelListing[]; root: string; searchPaths: string[] };
  'models.download': { downloadId: string };
  'settings.get': { settings: Settings; providers: ProviderInfo[] };
  'settings.set': { settings: Settings };
  'files.list': { dir: string; entries: FileEntry[] };
  'files.read': { path: string; text: string };
  'files.write': { path: string };
  'files.upload': { path: string };
  'recovery.write': Record<string, never>;
  'recovery.read': { text?: string; savedAt?: number };
  'recovery.clear': Record<string, never>;
}
export type OperationResult<Op extends Operation> = OperationResults[Op];

export const PROTOCOL_ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_OPERATION',
  'NOT_FOUND',
  'FILE_EXISTS',
  'OUTSIDE_WORKSPACE',
  'GRAPH_INVALID',
  'RUN_IN_PROGRESS',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

export interface ProtocolError {
  code: ProtocolErrorCode;
  /** A sentence the artist can act on. */
  message: string;
  field?: string;
  /** With GRAPH_INVALID: every problem found. */
  issues?: ValidationIssue[];
}

export const requestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    op: z.string().min(1).max(100),
    params: z.unknown(),
  })
  .strict();
export type Request = z.infer<typeof requestSchema>;

export type Response =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ProtocolError };

/** Messages a host pushes without being asked. */
export type PushMessage =
  /** A run's event; file paths in it are workspace-relative. */
  | { push: 'run-event'; event: RunEvent }
  | {
      push: 'download-progress';
      downloadId: string;
      receivedBytes: number;
      totalBytes?: number;
      state: 'running' | 'done' | 'failed';
      error?: string;
      /** When done: the model's name in the library. */
      name?: string;
    }
  | { push: 'runs-changed' }
  | { push: 'models-changed' };

export type HostMessage = Response | PushMessage;

/** Parses a request's params with its operation's schema. */
export function parseRequest(
  value: unknown,
):
  | { ok: true; id: number; op: Operation; params: unknown }
  | { ok: false; id: number; error: ProtocolError } {
  const envelope = requestSchema.safeParse(value);
  if (!envelope.success) {
    const id =
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { id?: unknown }).id === 'number'
        ? (value as { id: number }).id
        : -1;
    return {
      ok: false,
      id,
      error: { code: 'BAD_REQUEST', message: 'The message is not a request { id, op, params }.' },
    };
  }
  const { id, op } = envelope.data;
  if (!Object.hasOwn(operations, op)) {
    return {
      ok: false,
      id,
      error: { code: 'UNKNOWN_OPERATION', message: `This engine does not know "${op}".` },
    };
  }
  const schema = operations[op as Operation].params;
  const params = schema.safeParse(envelope.data.params ?? {});
  if (!params.success) {
    const issue = params.error.issues[0]!;
    const field = issue.path.join('.');
    return {
      ok: false,
      id,
      error: {
        code: issue.message === OUTSIDE_WORKSPACE_MESSAGE ? 'OUTSIDE_WORKSPACE' : 'BAD_REQUEST',
        message: `${op}: ${field ? `${field}: ` : ''}${issue.message}`,
        ...(field ? { field } : {}),
      },
    };
  }
  return { ok: true, id, op: op as Operation, params: params.data };
}
