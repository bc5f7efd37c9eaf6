/**
 * Editor state that is not part of the document: which overlay is open, the
 * palette's place and the wire it will connect, measured node sizes (React
 * Flow needs them back on every node object), view preferences.
 */
import { create } from 'zustand';
import type { Point } from '../graph/edits.ts';
import type { WireOrigin } from './graphStore.ts';

export interface PaletteRequest {
  /** Where the palette shows, in window pixels. */
  screen: Point;
  /** Where the new node goes, in canvas coordinates. */
  flow: Point;
  /** Set when a wire was dropped on empty canvas: the palette lists what fits it. */
  origin?: WireOrigin;
}

export type Dialog =
  | { kind: 'open' }
  | { kind: 'save-as' }
  | { kind: 'recovery'; key: string; text: string; savedAt?: number; filePath?: string }
  | { kind: 'confirm-discard'; then: () => void }
  | { kind: 'help' };

export type SideTab = 'history' | 'settings';

interface Size {
  width: number;
  height: number;
}

interface UiState {
  palette: PaletteRequest | undefined;
  dialog: Dialog | undefined;
  /** The node whose id is being edited in its header. */
  renaming: string | undefined;
  snapToGrid: boolean;
  sideTab: SideTab;
  sideOpen: boolean;
  measured: Record<string, Size>;
  openPalette: (request: PaletteRequest) => void;
  closePalette: () => void;
  openDialog: (dialog: Dialog) => void;
  closeDialog: () => void;
  setRenaming: (id: string | undefined) => void;
  toggleSnap: () => void;
  showSide: (tab: SideTab) => void;
  toggleSide: () => void;
  /** Sizes React Flow reported (read when building node objects, never subscribed to). */
  setMeasured: (sizes: Readonly<Record<string, Size>>) => void;
  /** Drops every size: another document is open. */
  forgetMeasured: () => void;
}

const SNAP_KEY = 'weft.snapToGrid';

function readSnap(): boolean {
  try {
    return globalThis.localStorage?.getItem(SNAP_KEY) === 'true';
  } catch {
    return false;
  }
}

export const useUiStore = create<UiState>()((set, get) => ({
  palette: undefined,
  dialog: undefined,
  renaming: undefined,
  snapToGrid: readSnap(),
  sideTab: 'history',
  sideOpen: true,
  measured: {},
  openPalette: (palette) => set({ palette }),
  closePalette: () => set({ palette: undefined }),
  openDialog: (dialog) => set({ dialog, palette: undefined }),
  closeDialog: () => set({ dialog: undefined }),
  setRenaming: (renaming) => set({ renaming }),
  toggleSnap() {
    const snapToGrid = !get().snapToGrid;
    try {
      globalThis.localStorage?.setItem(SNAP_KEY, String(snapToGrid));
    } catch {
      // Private windows may refuse storage; the toggle still works for this session.
    }
    set({ snapToGrid });
  },
  showSide: (sideTab) => set({ sideTab, sideOpen: true }),
  toggleSide: () => set({ sideOpen: !get().sideOpen }),
  setMeasured(sizes) {
    const current = get().measured;
    let next: Record<string, Size> | undefined;
    for (const [id, size] of Object.entries(sizes)) {
      const old = current[id];
      if (old && old.width === size.width && old.height === size.height) continue;
      next ??= { ...current };
      next[id] = size;
    }
    if (next) set({ measured: next });
  },
  forgetMeasured: () => set({ measured: {} }),
}));
