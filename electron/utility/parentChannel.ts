/**
 * The engine process's line to its host: Electron's parentPort in a
 * utilityProcess, node's IPC channel when forked by child_process (tests and
 * tools). Either way, plain structured-clonable messages.
 */
import type { FromEngine, ToEngine } from '../common/engineWire.ts';

export interface ParentChannel {
  send(message: FromEngine): void;
  onMessage(listener: (message: ToEngine) => void): void;
}

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

export function connectToParent(): ParentChannel {
  const port = (process as { parentPort?: ParentPortLike }).parentPort;
  if (port) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data as ToEngine)),
    };
  }
  if (process.send) {
    return {
      send: (message) => process.send?.(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as ToEngine)),
    };
  }
  throw new Error('The engine process was started without a channel to its host.');
}
