/**
 * The Transport over the desktop app's preload bridge (`window.weft`): the
 * same protocol messages as the WebSocket of `weft serve`, carried by IPC to
 * the main process, which hosts the engine. The engine's restarts arrive as
 * state changes ('reconnecting', then 'open'), like a dropped socket.
 */
import type { HostMessage, Request } from '../../engine/common/protocol/messages.ts';
import type { ConnectionState, Transport } from './types.ts';

/**
 * The part of `window.weft` this transport uses. Declared here (the renderer
 * never imports electron/); electron/common/bridge.ts's WeftBridge satisfies it,
 * which a type test in electron/ checks.
 */
export interface IpcBridge {
  send(request: Request): void;
  onMessage(listener: (message: HostMessage) => void): () => void;
  onEngineState(listener: (state: ConnectionState) => void): () => void;
  engineState(): Promise<ConnectionState>;
  fileUrl(path: string): string;
}

/** The preload bridge when the editor runs in the desktop app; undefined in a browser. */
export function findIpcBridge(scope: object = globalThis): IpcBridge | undefined {
  const candidate = (scope as { weft?: Partial<IpcBridge> }).weft;
  if (
    candidate &&
    typeof candidate.send === 'function' &&
    typeof candidate.onMessage === 'function' &&
    typeof candidate.onEngineState === 'function' &&
    typeof candidate.engineState === 'function' &&
    typeof candidate.fileUrl === 'function'
  ) {
    return candidate as IpcBridge;
  }
  return undefined;
}

export function createIpcTransport(bridge: IpcBridge): Transport {
  let state: ConnectionState = 'connecting';
  let closed = false;
  const messageListeners = new Set<(message: HostMessage) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState): void => {
    if (closed || next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };
  const offMessage = bridge.onMessage((message) => {
    if (closed) return;
    for (const listener of [...messageListeners]) listener(message);
  });
  const offState = bridge.onEngineState(setState);
  // The engine may have been open before this page loaded: ask once.
  void bridge.engineState().then(
    (current) => {
      if (state === 'connecting') setState(current);
    },
    () => setState('closed'),
  );

  return {
    send(request) {
      if (closed) throw new Error('The connection to the engine is closed.');
      bridge.send(request);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    get state() {
      return state;
    },
    fileUrl: (path) => bridge.fileUrl(path),
    close() {
      if (closed) return;
      setState('closed');
      closed = true;
      offMessage();
      offState();
      messageListeners.clear();
      stateListeners.clear();
    },
  };
}
