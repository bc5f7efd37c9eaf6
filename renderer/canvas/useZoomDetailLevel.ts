/**
 * The detail level for the canvas's zoom (detailLevel.ts). The canvas reads
 * it once and provides it to the nodes; the component re-renders only when
 * the zoom crosses a threshold, or when it comes to rest past one: less
 * detail applies at once, more detail once the zoom has been still for
 * SETTLE_MS (a zoom gesture in progress is drawn by the overview canvas).
 */
import { useStore, useStoreApi } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { detailAt, SETTLE_MS, shownDetail, type DetailLevel } from './detailLevel.ts';

export function useZoomDetailLevel(): DetailLevel {
  const atZoom = useStore((state) => detailAt(state.transform[2]));
  const [settled, setSettled] = useState(atZoom);
  const shown = shownDetail(atZoom, settled);
  const store = useStoreApi();

  useEffect(() => {
    if (atZoom === settled) return;
    if (shown === atZoom) {
      setSettled(atZoom);
      return;
    }
    // More detail: wait for the zoom to rest, restarting the wait on every change.
    let zoom = store.getState().transform[2];
    let timer = setTimeout(settle, SETTLE_MS);
    function settle() {
      setSettled(detailAt(store.getState().transform[2]));
    }
    const unsubscribe = store.subscribe((state) => {
      if (state.transform[2] === zoom) return;
      zoom = state.transform[2];
      clearTimeout(timer);
      timer = setTimeout(settle, SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [atZoom, settled, shown, store]);

  return shown;
}
