/**
 * Connects the editor to its engine host at start-up (main.tsx calls this
 * once) and makes the client the window's one client (instance.ts).
 *
 * Desktop (Electron): the preload bridge `window.weft` carries the same
 * protocol over IPC (ipcTransport.ts).
 *
 * Browser (`weft serve`): the socket is /api/ws on the page's own server.
 * The token comes from the address (?token= or #token=) when it is there;
 * normally the server has already moved it into an HttpOnly cookie and
 * redirected, and the cookie authorizes the socket and file URLs.
 */
import { createEngineClient } from './client.ts';
import { setClient } from './instance.ts';
import { createIpcTransport, findIpcBridge } from './ipcTransport.ts';
import type { EngineClient, Transport } from './types.ts';
import { createWsTransport } from './wsTransport.ts';

export function connectToHost(): EngineClient {
  const client = createEngineClient(hostTransport());
  setClient(client);
  return client;
}

function hostTransport(): Transport {
  // Electron: the preload exposes `window.weft`, and the engine is over IPC.
  const bridge = findIpcBridge(window);
  if (bridge) return createIpcTransport(bridge);
  // Everything below is the browser's way.
  const { location, history } = window;
  const token = tokenFromAddress(location);
  if (token !== undefined) {
    // Keep the token out of the address bar, bookmarks and screenshots.
    const url = new URL(location.href);
    url.searchParams.delete('token');
    const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
    if (hash.has('token')) {
      hash.delete('token');
      url.hash = hash.toString();
    }
    history.replaceState(history.state, '', url.toString());
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsTransport({
    url: `${scheme}//${location.host}/api/ws`,
    ...(token !== undefined ? { token } : {}),
  });
}

/** The token in "?token=…" or "#token=…", if any. */
export function tokenFromAddress(location: { search: string; hash: string }): string | undefined {
  const fromQuery = new URLSearchParams(location.search).get('token');
  if (fromQuery) return fromQuery;
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return fromHash || undefined;
}
