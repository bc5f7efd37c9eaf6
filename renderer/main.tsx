/**
 * The renderer's entry: connect to the engine host (WebSocket under `weft
 * serve`, the preload bridge in Electron), then mount the editor.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app/theme.css';
import { App } from './app/App.tsx';
import { connectDesktopIfPresent } from './app/desktopCommands.ts';
import { overviewNodeAt } from './canvas/overviewProbe.ts';
import { connectToHost } from './client/connect.ts';
import { useCatalogStore } from './state/catalogStore.ts';
import { useGraphStore } from './state/graphStore.ts';
import { useUiStore } from './state/uiStore.ts';

const client = connectToHost();
connectDesktopIfPresent();
// For end-to-end tests and the console: read-only inspection of the editor's stores.
Object.assign(window, {
  __weft: {
    graph: useGraphStore,
    catalog: useCatalogStore,
    ui: useUiStore,
    overview: { nodeAt: overviewNodeAt },
  },
});
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
