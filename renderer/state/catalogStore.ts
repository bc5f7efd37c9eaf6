/**
 * The node catalog the engine sends: every node's UI is built from it. The
 * model params carry the library's models as `options`, so the panels call
 * `load()` again after models change.
 */
import { create } from 'zustand';
import { createStore, type StateCreator } from 'zustand/vanilla';
import type { Catalog, NodeDefinition } from '../../engine/common/catalog.ts';
import { getClient } from '../client/instance.ts';

export interface CatalogState {
  catalog: Catalog | undefined;
  byType: Map<string, NodeDefinition>;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** Why the last load failed, for the artist. */
  error: string | undefined;
}

export interface CatalogActions {
  /** Fetches the catalog again (on start, and after the model library changed). */
  load: () => Promise<void>;
  /** Sets a catalog directly (tests, and hosts that ship it with the page). */
  setCatalog: (catalog: Catalog) => void;
}

export type CatalogStore = CatalogState & CatalogActions;

export type FetchCatalog = () => Promise<Catalog>;

function catalogStore(fetchCatalog: FetchCatalog): StateCreator<CatalogStore> {
  return (set) => ({
    catalog: undefined,
    byType: new Map(),
    status: 'idle',
    error: undefined,
    async load() {
      set({ status: 'loading' });
      try {
        const catalog = await fetchCatalog();
        set(indexCatalog(catalog));
      } catch (error) {
        set({
          status: 'failed',
          error: `Could not load the node list from the engine: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    },
    setCatalog(catalog) {
      set(indexCatalog(catalog));
    },
  });
}

function indexCatalog(catalog: Catalog): Partial<CatalogState> {
  return {
    catalog,
    byType: new Map(catalog.nodes.map((definition) => [definition.type, definition])),
    status: 'ready',
    error: undefined,
  };
}

const fromClient: FetchCatalog = () => getClient().request('catalog', {});

export function createCatalogStore(fetchCatalog: FetchCatalog = fromClient) {
  return createStore<CatalogStore>()(catalogStore(fetchCatalog));
}

export const useCatalogStore = create<CatalogStore>()(catalogStore(fromClient));

/** The definition of a node type, or undefined for a placeholder (type not installed). */
export function definitionOf(type: string): NodeDefinition | undefined {
  return useCatalogStore.getState().byType.get(type);
}
