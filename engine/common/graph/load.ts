/**
 * Loading a graph file: text → JSON → file migrations → schema → node
 * migrations. Every failure is one GraphLoadError written for the artist;
 * every upgrade made on the way is reported in `notes` ([F12]), so the app
 * can say "this file was upgraded; saving will write the new format".
 */
import { notAGraphMessage } from './foreignJson.ts';
import { describeJsonError } from './jsonError.ts';
import { scanJson } from './jsonScan.ts';
import { fileMigrations } from './migrations.ts';
import type { NodeTypeLookup } from './nodeUpgrade.ts';
import { upgradeNodes } from './nodeUpgrade.ts';
import type { GraphLoadError, GraphLoadResult } from './result.ts';
import { GRAPH_FORMAT, GRAPH_VERSION, graphFileSchema } from './schema.ts';
import { findReservedKey } from './reservedKeys.ts';
import { formatPath, validateAgainst } from './schemaIssues.ts';
import { positionAt } from './textPosition.ts';

export type { NodeTypeLookup } from './nodeUpgrade.ts';
export type {
  GraphLoadError,
  GraphLoadErrorCode,
  GraphLoadIssue,
  GraphLoadResult,
} from './result.ts';

export interface GraphLoadOptions {
  /** Installed node types, for node migrations; without it no node is upgraded. */
  nodeTypes?: NodeTypeLookup;
  /** The file's name, used in messages ("title-card.weft.json ends early…"). */
  source?: string;
}

const BYTE_ORDER_MARK = '\uFEFF';

export function loadGraphText(text: string, options: GraphLoadOptions = {}): GraphLoadResult {
  const subject = options.source ?? 'The file';
  // Editors on Windows may start UTF-8 files with a byte order mark; JSON.parse refuses it.
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: describeJsonError(body, message, subject) };
  }
  // [F17] JSON.parse keeps the last of two equal keys; a node would vanish silently.
  const scan = scanJson(body);
  if (scan.kind === 'duplicate') {
    const { line, column } = positionAt(body, scan.offset);
    const path = formatPath(scan.path);
    const message = `${subject} has the key "${scan.key}" twice in the same object, at line ${line}, column ${column} (${path}). Only one would be kept, so rename or remove one of them.`;
    return {
      ok: false,
      error: {
        code: 'INVALID_GRAPH',
        message,
        line,
        column,
        issues: [{ path, message: 'appears twice in the same object' }],
      },
    };
  }
  return loadGraphObject(value, options);
}

/** For JSON that is already parsed (the renderer's paste and drop). Never changes `value`. */
export function loadGraphObject(value: unknown, options: GraphLoadOptions = {}): GraphLoadResult {
  const subject = options.source ?? 'The file';
  if (!isObject(value) || value.format !== GRAPH_FORMAT) {
    return fail({ code: 'NOT_A_GRAPH', message: notAGraphMessage(value, subject) });
  }

  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    // [F9] a missing version is never guessed: the wrong guess would corrupt the graph.
    const found =
      version === undefined ? 'has no "version"' : `has "version": ${JSON.stringify(version)}`;
    return invalid(
      `${subject} ${found}; a graph file states its format version as a whole number, e.g. "version": ${GRAPH_VERSION}. Weft does not guess it.`,
      'version',
      version === undefined ? 'is required but missing' : 'should be a whole number',
    );
  }
  if (version > GRAPH_VERSION) {
    return fail({
      code: 'NEWER_VERSION',
      message: `${subject} was saved in graph format version ${version}, but this Weft reads format version ${GRAPH_VERSION} and older. Update Weft to open it.`,
    });
  }
  const firstVersion = fileMigrations[0]?.from ?? GRAPH_VERSION;
  if (version < firstVersion) {
    return invalid(
      `${subject} has "version": ${version}, which no Weft ever wrote; the oldest format version is ${firstVersion}.`,
      'version',
      `should be ${firstVersion} or more`,
    );
  }

  const reserved = findReservedKey(value);
  if (reserved) {
    const path = formatPath(reserved);
    return invalid(
      `${subject} uses the key "__proto__" (at ${path}), which Weft cannot keep. Rename it.`,
      path,
      'is a name Weft cannot keep',
    );
  }

  const notes: string[] = [];
  let raw: Record<string, unknown> = value;
  for (const migration of fileMigrations) {
    if (migration.from < version) continue;
    try {
      raw = migration.migrate(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return invalid(
        `${subject} could not be upgraded from format version ${migration.from} to ${migration.from + 1}: ${reason}.`,
        '',
        reason,
      );
    }
    notes.push(
      `Upgraded the file from format version ${migration.from} to ${migration.from + 1}: ${migration.description}`,
    );
  }

  const checked = validateAgainst(graphFileSchema, raw);
  if (!checked.ok) {
    // The message is a headline; `issues` lists every problem for the caller to show.
    const count = checked.issues.length;
    const first = checked.issues[0]!;
    const where = `${first.path || '(top level)'}: ${first.message}`;
    return fail({
      code: 'INVALID_GRAPH',
      message:
        count === 1
          ? `${subject} is not a valid graph: ${where}.`
          : `${subject} is not a valid graph (${count} problems). The first: ${where}.`,
      issues: checked.issues,
    });
  }
  if (!options.nodeTypes) return { ok: true, graph: checked.data, notes };
  const upgraded = upgradeNodes(checked.data, options.nodeTypes);
  if (!upgraded.ok) return upgraded;
  return { ok: true, graph: upgraded.graph, notes: [...notes, ...upgraded.notes] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(error: GraphLoadError): GraphLoadResult {
  return { ok: false, error };
}

function invalid(message: string, path: string, detail: string): GraphLoadResult {
  return fail({ code: 'INVALID_GRAPH', message, issues: [{ path, message: detail }] });
}
