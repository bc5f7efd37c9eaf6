/**
 * What leaves the host names workspace files by workspace path: run events,
 * run records and messages are rewritten here. A file outside the workspace
 * (a run the CLI wrote elsewhere) is left out of file lists, since a client
 * could not open it anyway.
 */
import { isAbsolute, sep } from 'node:path';
import type { ErrorInfo, RunEvent } from '../../common/events.ts';
import type { Workspace } from './workspace.ts';

export function workspaceFiles(files: readonly string[], workspace: Workspace): string[] {
  return files.flatMap((file) => {
    const relative = workspace.relative(file);
    return relative === undefined ? [] : [relative];
  });
}

/** "…looked for /home/me/project/assets/x.png" → "…looked for assets/x.png". */
export function scrubMessage(text: string, workspace: Workspace): string {
  let result = text;
  for (const root of new Set([workspace.root, workspace.realRoot])) {
    result = result.split(`${root}${sep}`).join('');
  }
  return result;
}

export function scrubError(error: ErrorInfo, workspace: Workspace): ErrorInfo {
  return {
    ...error,
    message: scrubMessage(error.message, workspace),
    ...(error.stack !== undefined ? { stack: scrubMessage(error.stack, workspace) } : {}),
  };
}

export function clientEvent(event: RunEvent, workspace: Workspace): RunEvent {
  switch (event.type) {
    case 'node-done':
      return { ...event, files: workspaceFiles(event.files, workspace) };
    case 'node-error':
      return { ...event, error: scrubError(event.error, workspace) };
    case 'log':
      return { ...event, message: scrubMessage(event.message, workspace) };
    case 'run-done':
    case 'run-cancelled':
      return { ...event, files: workspaceFiles(event.files, workspace) };
    case 'run-failed':
      return {
        ...event,
        files: workspaceFiles(event.files, workspace),
        errors: event.errors.map((error) => scrubError(error, workspace)),
      };
    default:
      return event;
  }
}

/** Every string in a JSON tree: absolute workspace paths become relative, messages are scrubbed. */
export function clientJson(value: unknown, workspace: Workspace): unknown {
  if (typeof value === 'string') {
    if (isAbsolute(value)) return workspace.relative(value) ?? value;
    return scrubMessage(value, workspace);
  }
  if (Array.isArray(value)) return value.map((item) => clientJson(item, workspace));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, clientJson(item, workspace)]),
    );
  }
  return value;
}
