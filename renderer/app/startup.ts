/**
 * What the editor does once it can reach the engine: fetch the catalog, then
 * open the graph named by `?graph=<workspace path>` (or a new empty one) and
 * offer a recovery copy newer than it.
 */
import type { EngineClient } from '../client/types.ts';
import { whenOpen } from '../files/connection.ts';
import { offerRecovery, openFile } from '../files/fileActions.ts';
import { useCatalogStore } from '../state/catalogStore.ts';

let started = false;

/** Runs once per window (React's strict mode mounts the app twice in development). */
export async function startEditor(client: EngineClient, search: string): Promise<void> {
  if (started) return;
  started = true;
  await whenOpen(client);
  await useCatalogStore.getState().load();
  // Reconnecting to a restarted host may bring new node packs or models.
  client.onConnection((state) => {
    if (state === 'open') void useCatalogStore.getState().load();
  });
  const path = new URLSearchParams(search).get('graph') ?? undefined;
  if (path !== undefined && (await openFile(path))) return;
  await offerRecovery(undefined, undefined);
}
