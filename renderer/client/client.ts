/**
 * The EngineClient over any Transport: numbered requests matched to their
 * responses, pushes fanned out to listeners, the connection state passed on.
 *
 * While the transport is not open, requests wait and go out when it opens
 * again (an autosave made during a reconnect is not lost). A request that
 * was already sent when the connection dropped is rejected with
 * DISCONNECTED: the host may or may not have done it, so the caller
 * decides whether to ask again.
 */
import type {
  HostMessage,
  Operation,
  OperationParams,
  OperationResult,
  PushMessage,
  Request,
} from '../../engine/common/protocol/messages.ts';
import type { ConnectionState, EngineClient, Transport } from './types.ts';
import { ClientError } from './types.ts';

interface Pending {
  request: Request;
  sent: boolean;
  resolve(result: unknown): void;
  reject(error: ClientError): void;
}

const LOST =
  'The connection to the engine was lost before it answered. Weft is reconnecting; try again in a moment.';
const CLOSED = 'The editor is no longer connected to an engine.';

export function createEngineClient(transport: Transport): EngineClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const pushListeners = new Set<(message: PushMessage) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  /** A transport that is closing refuses; the request then waits for the next open. */
  const send = (entry: Pending) => {
    try {
      transport.send(entry.request);
      entry.sent = true;
    } catch {
      entry.sent = false;
    }
  };

  const rejectWhere = (match: (entry: Pending) => boolean, message: string) => {
    for (const [id, entry] of pending) {
      if (!match(entry)) continue;
      pending.delete(id);
      entry.reject(new ClientError({ code: 'DISCONNECTED', message }));
    }
  };

  const stopMessages = transport.onMessage((message: HostMessage) => {
    if ('push' in message) {
      for (const listener of pushListeners) guarded(() => listener(message));
      return;
    }
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.ok) entry.resolve(message.result);
    else entry.reject(new ClientError(message.error));
  });

  const stopStates = transport.onState((state) => {
    if (state === 'open') {
      for (const entry of pending.values()) if (!entry.sent) send(entry);
    } else if (state === 'reconnecting') {
      rejectWhere((entry) => entry.sent, LOST);
    } else if (state === 'closed') {
      rejectWhere(() => true, CLOSED);
    }
    for (const listener of stateListeners) guarded(() => listener(state));
  });

  return {
    request<Op extends Operation>(
      op: Op,
      params: OperationParams<Op>,
    ): Promise<OperationResult<Op>> {
      if (transport.state === 'closed')
        return Promise.reject(new ClientError({ code: 'DISCONNECTED', message: CLOSED }));
      return new Promise<OperationResult<Op>>((resolve, reject) => {
        const id = nextId++;
        const entry: Pending = {
          request: { id, op, params },
          sent: false,
          resolve: (result) => resolve(result as OperationResult<Op>),
          reject,
        };
        pending.set(id, entry);
        if (transport.state === 'open') send(entry);
      });
    },
    onPush(listener) {
      pushListeners.add(listener);
      return () => void pushListeners.delete(listener);
    },
    onConnection(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    get connection() {
      return transport.state;
    },
    fileUrl: (path) => transport.fileUrl(path),
    close() {
      stopMessages();
      stopStates();
      rejectWhere(() => true, CLOSED);
      transport.close();
      for (const listener of stateListeners) guarded(() => listener('closed'));
    },
  };
}

/** One failing listener must not starve the others; its error still surfaces. */
function guarded(call: () => void): void {
  try {
    call();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
