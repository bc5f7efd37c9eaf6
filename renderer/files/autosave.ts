/**
 * Wires the recovery autosave to the document and the connection: every
 * change of a dirty document schedules a copy; a saved or discarded document
 * drops the pending one; a reconnect writes what waited while offline; a
 * window closing with unsaved changes writes at once and asks the browser to
 * confirm.
 */
import { serializeGraph } from '../../engine/common/graph/write.ts';
import type { EngineClient } from '../client/types.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { createAutosave, recoveryKey } from './recovery.ts';

export function startAutosave(client: EngineClient): () => void {
  const autosave = createAutosave({
    write: async (key, text) => {
      await client.request('recovery.write', { key, text });
    },
    schedule: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
  });
  const stopGraph = useGraphStore.subscribe((state, previous) => {
    if (state.graph === previous.graph && state.dirty === previous.dirty) return;
    if (!state.dirty) {
      autosave.discard();
      return;
    }
    autosave.changed(recoveryKey(state.filePath), () =>
      serializeGraph(useGraphStore.getState().graph),
    );
  });
  const stopConnection = client.onConnection((state) => {
    if (state === 'open') void autosave.flush();
  });
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (!useGraphStore.getState().dirty) return;
    void autosave.flush();
    event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  return () => {
    stopGraph();
    stopConnection();
    window.removeEventListener('beforeunload', beforeUnload);
  };
}
