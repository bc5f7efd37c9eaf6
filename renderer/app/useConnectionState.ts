/** The engine connection's state, as React state. */
import { useSyncExternalStore } from 'react';
import type { ConnectionState, EngineClient } from '../client/types.ts';

export function useConnectionState(client: EngineClient): ConnectionState {
  return useSyncExternalStore(
    (notify) => client.onConnection(notify),
    () => client.connection,
  );
}
