/**
 * An in-memory EngineClient for unit tests of stores and panels where a
 * server is not the point: each operation answers from a handler the test
 * gives, every request is recorded, and the test pushes messages and
 * connection changes itself. (Tests that are about the wire use `weft serve`.)
 */
import type {
  Operation,
  OperationParams,
  OperationResult,
  PushMessage,
} from '../../engine/common/protocol/messages.ts';
import type { ConnectionState, EngineClient } from '../client/types.ts';

export type FakeHandlers = {
  [Op in Operation]?: (
    params: OperationParams<Op>,
  ) => OperationResult<Op> | Promise<OperationResult<Op>>;
};

export interface FakeEngineClient extends EngineClient {
  requests: { op: Operation; params: unknown }[];
  push(message: PushMessage): void;
  setConnection(state: ConnectionState): void;
}

export function createFakeEngineClient(handlers: FakeHandlers = {}): FakeEngineClient {
  const pushListeners = new Set<(message: PushMessage) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = 'open';
  const requests: { op: Operation; params: unknown }[] = [];

  return {
    requests,
    get connection() {
      return connection;
    },
    async request<Op extends Operation>(
      op: Op,
      params: OperationParams<Op>,
    ): Promise<OperationResult<Op>> {
      requests.push({ op, params });
      const handler = handlers[op];
      if (!handler) throw new Error(`The fake client has no handler for ${op}.`);
      return handler(params);
    },
    onPush(listener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    fileUrl: (path) => `/files/${path}`,
    close() {
      connection = 'closed';
    },
    push(message) {
      for (const listener of pushListeners) listener(message);
    },
    setConnection(state) {
      connection = state;
      for (const listener of connectionListeners) listener(state);
    },
  };
}
