/**
 * Wires a run store to the engine: run events from pushes, validation when
 * the graph changes, the catalog reloaded when models change, and the
 * reconnect rule: after a lost connection comes back, ask the engine
 * (`hello`) whether our run still goes on; if not, the run is marked
 * interrupted. The graph is never touched here, so a reconnect never loses it.
 */
import type { StoreApi } from 'zustand';
import type { ConnectionState, EngineClient } from '../client/types.ts';
import type { RunStore } from './runStore.ts';

export interface RunConnectionOptions {
  client: EngineClient;
  store: Pick<StoreApi<RunStore>, 'getState'>;
  /** Subscribes to changes of the graph; returns an unsubscribe. */
  subscribeGraph: (listener: () => void) => () => void;
  onModelsChanged: () => void;
}

/** Returns a function that undoes every subscription. */
export function connectRunStore(options: RunConnectionOptions): () => void {
  const { client, store } = options;
  let previous: ConnectionState = client.connection;

  const unsubscribers = [
    client.onPush((message) => {
      if (message.push === 'run-event') store.getState().applyEvent(message.event);
      else if (message.push === 'models-changed') options.onModelsChanged();
    }),
    client.onConnection((state) => {
      const lost = previous === 'reconnecting' || previous === 'closed';
      previous = state;
      if (state !== 'open' || !lost) return;
      client
        .request('hello', {})
        .then((hello) => store.getState().resume(hello.activeRunId))
        .catch(() => {
          // The connection dropped again; the next 'open' asks again.
        });
      store.getState().validate();
    }),
    options.subscribeGraph(() => store.getState().validate()),
  ];
  store.getState().validate();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
