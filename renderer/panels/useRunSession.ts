/**
 * Connects the window's run store to the engine while the run controls are
 * mounted: run events, validation on graph changes, the catalog reloaded on
 * models-changed, and the reconnect rule (runConnection.ts).
 */
import { useEffect } from 'react';
import { getClient } from '../client/instance.ts';
import { useCatalogStore } from '../state/catalogStore.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { connectRunStore } from '../state/runConnection.ts';
import { useRunStore } from '../state/runStore.ts';

export function useRunSession(): void {
  useEffect(
    () =>
      connectRunStore({
        client: getClient(),
        store: useRunStore,
        subscribeGraph: (listener) =>
          useGraphStore.subscribe((state, previous) => {
            if (state.graph !== previous.graph) listener();
          }),
        onModelsChanged: () => void useCatalogStore.getState().load(),
      }),
    [],
  );
}
