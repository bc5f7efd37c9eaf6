/**
 * The one-line messages a run leaves behind ("Run cancelled", "Run failed: 2
 * nodes had errors"), worded for the artist. Pure, so the wording is tested.
 */
import type { ErrorInfo } from '../../engine/common/events.ts';
import type { ClientError } from '../client/types.ts';
import type { NodeRunState } from './runTypes.ts';

export interface RunMessage {
  tone: 'info' | 'error';
  text: string;
}

export function describeCancelled(): RunMessage {
  return { tone: 'info', text: 'Run cancelled.' };
}

export function describeFailure(
  errors: readonly ErrorInfo[],
  nodes: Readonly<Record<string, NodeRunState>>,
): RunMessage {
  const failedNodes = new Set<string>();
  for (const [nodeId, node] of Object.entries(nodes)) {
    if (node.status === 'error') failedNodes.add(nodeId);
  }
  for (const error of errors) if (error.nodeId) failedNodes.add(error.nodeId);
  if (failedNodes.size === 1) {
    const [nodeId] = failedNodes;
    const message =
      errors.find((error) => error.nodeId === nodeId)?.message ?? nodes[nodeId!]?.error?.message;
    return {
      tone: 'error',
      // Engine messages already name the node ("Node "sampler" (Sampler): …"); say it once.
      text:
        message && message.includes(`"${nodeId}"`)
          ? `Run failed. ${message}`
          : `Run failed: node "${nodeId}" had an error${message ? `: ${message}` : '.'}`,
    };
  }
  if (failedNodes.size > 1) {
    return {
      tone: 'error',
      text: `Run failed: ${failedNodes.size} nodes had errors; each is marked on the canvas.`,
    };
  }
  const first = errors[0];
  return { tone: 'error', text: `Run failed${first ? `: ${first.message}` : '.'}` };
}

export function describeInterrupted(): RunMessage {
  return {
    tone: 'error',
    text: 'The connection to the engine was lost during the run. Your graph is safe; the run may have finished, so check History for its outputs.',
  };
}

/** A run the engine refused to start. */
export function describeStartError(error: ClientError | Error, errorCount: number): RunMessage {
  const code = 'code' in error ? error.code : undefined;
  if (code === 'GRAPH_INVALID') {
    const count = Math.max(errorCount, 1);
    return {
      tone: 'error',
      text: `The graph has ${count === 1 ? 'a problem' : `${count} problems`} to fix before it can run; ${count === 1 ? 'it is' : 'they are'} marked on the nodes.`,
    };
  }
  if (code === 'RUN_IN_PROGRESS') {
    return { tone: 'error', text: 'Another run is still going; stop it or wait for it to finish.' };
  }
  if (code === 'DISCONNECTED') {
    return {
      tone: 'error',
      text: 'The engine is not connected; the run did not start. Try again once it reconnects.',
    };
  }
  return { tone: 'error', text: `The run did not start: ${error.message}` };
}
