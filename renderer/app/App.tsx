/**
 * The editor: top bar, canvas, side panel, and the overlays (palette,
 * dialogs, messages). Starts the session once: catalog, the graph to open,
 * recovery, autosave.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, type ReactNode } from 'react';
import type { EngineClient } from '../client/types.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { startAutosave } from '../files/autosave.ts';
import { MissingModelsDialog, RunMessages } from '../panels/index.ts';
import { Palette } from '../palette/Palette.tsx';
import { useCatalogStore } from '../state/catalogStore.ts';
import { notify } from '../state/toastStore.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { Dialogs } from './Dialogs.tsx';
import { SidePanel } from './SidePanel.tsx';
import { startEditor } from './startup.ts';
import { Toasts } from './Toasts.tsx';
import { TopBar } from './TopBar.tsx';
import { useKeyboard } from './useKeyboard.ts';

function CatalogGate({ children }: { children: ReactNode }) {
  const status = useCatalogStore((state) => state.status);
  const error = useCatalogStore((state) => state.error);
  // Only the first load gates the canvas: a reload (new models, a reconnect)
  // keeps the last catalog on screen until the new one arrives.
  const hasCatalog = useCatalogStore((state) => state.catalog !== undefined);
  if (status === 'ready' || hasCatalog) return <>{children}</>;
  return (
    <div className="weft-splash" data-testid="splash">
      {status === 'failed' ? (
        <>
          <p>{error}</p>
          <button
            type="button"
            className="weft-btn primary"
            onClick={() => void useCatalogStore.getState().load()}
          >
            Try again
          </button>
        </>
      ) : (
        <p>
          <span className="weft-spinner" aria-hidden="true" /> Loading the node list…
        </p>
      )}
    </div>
  );
}

export function App({ client }: { client: EngineClient }) {
  useKeyboard();
  useEffect(() => startAutosave(client), [client]);
  useEffect(() => {
    startEditor(client, window.location.search).catch((error: unknown) => {
      notify(
        'error',
        `The editor could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }, [client]);

  return (
    <ReactFlowProvider>
      <div className="weft-app">
        <TopBar client={client} />
        <ConnectionBanner client={client} />
        <main className="weft-main">
          <CatalogGate>
            <Canvas />
          </CatalogGate>
          <SidePanel />
        </main>
        <Palette />
        <Dialogs />
        <MissingModelsDialog />
        <Toasts />
        <RunMessages />
      </div>
    </ReactFlowProvider>
  );
}
