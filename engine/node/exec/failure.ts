/** Turns whatever a node threw into an ErrorInfo an artist can act on ([X6]). */
import type { ErrorInfo } from '../../common/events.ts';
import type { NodeDefinition } from '../../common/catalog.ts';
import { NodeError } from '../../common/nodeApi.ts';
import type { Value } from '../../common/values.ts';
import { describeValue } from '../../common/values.ts';

export function describeFailure(
  error: unknown,
  nodeId: string,
  definition: NodeDefinition,
  inputs: Readonly<Record<string, Value>>,
): ErrorInfo {
  const inputSummary: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) inputSummary[name] = describeValue(value);
  const where = `Node "${nodeId}" (${definition.title})`;
  const base = { nodeId, nodeType: definition.type, inputs: inputSummary };
  if (error instanceof NodeError) {
    return {
      ...base,
      code: error.code,
      message: `${where}: ${error.message}`,
      ...(error.field ? { field: error.field } : {}),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ...base,
    code: 'NODE_FAILED',
    message: `${where} failed: ${detail}`,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  };
}

/** True when a node stopped because the run was cancelled (however it said so). */
export function isAbortError(error: unknown, signal: AbortSignal): boolean {
  if (error === signal.reason) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError');
}
