/** What each shortcut does (the table is shortcuts.ts); menus call the same functions. */
import { groupSelection, openPaletteAtPointer, renameSelected } from '../canvas/canvasActions.ts';
import { fitView } from '../canvas/viewport.ts';
import { guardUnsaved, newDocument, save } from '../files/fileActions.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import type { ShortcutId } from './shortcuts.ts';

export function escape(): void {
  const ui = useUiStore.getState();
  if (ui.palette) ui.closePalette();
  else if (ui.dialog) ui.closeDialog();
  else if (ui.renaming) ui.setRenaming(undefined);
  else useGraphStore.getState().setSelection([]);
}

export const COMMANDS: Record<ShortcutId, () => void> = {
  palette: openPaletteAtPointer,
  undo: () => useGraphStore.getState().undo(),
  redo: () => useGraphStore.getState().redo(),
  redoAlt: () => useGraphStore.getState().redo(),
  delete: () => useGraphStore.getState().removeSelection(),
  deleteAlt: () => useGraphStore.getState().removeSelection(),
  duplicate: () => useGraphStore.getState().duplicateSelection(),
  selectAll: () => useGraphStore.getState().selectAll(),
  group: groupSelection,
  bypass: () => useGraphStore.getState().toggleMode(useGraphStore.getState().selection, 'bypass'),
  mute: () => useGraphStore.getState().toggleMode(useGraphStore.getState().selection, 'mute'),
  collapse: () => useGraphStore.getState().toggleCollapsed(useGraphStore.getState().selection),
  rename: renameSelected,
  fitView: () => fitView(),
  snap: () => useUiStore.getState().toggleSnap(),
  save: () => void save(),
  saveAs: () => useUiStore.getState().openDialog({ kind: 'save-as' }),
  open: () => guardUnsaved(() => useUiStore.getState().openDialog({ kind: 'open' })),
  new: newDocument,
  help: () => useUiStore.getState().openDialog({ kind: 'help' }),
  escape,
};
