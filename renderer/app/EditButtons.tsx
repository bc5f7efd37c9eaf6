/** Undo, redo, snap to grid, fit view and the shortcut help, for the mouse. */
import { fitView } from '../canvas/viewport.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';

export function EditButtons() {
  const canUndo = useGraphStore((state) => state.history.past.length > 0);
  const canRedo = useGraphStore((state) => state.history.future.length > 0);
  const snap = useUiStore((state) => state.snapToGrid);
  return (
    <div className="weft-edit-buttons">
      <button
        type="button"
        className="weft-btn icon"
        aria-label="Undo"
        title="Undo (Ctrl+Z)"
        data-testid="undo"
        disabled={!canUndo}
        onClick={() => useGraphStore.getState().undo()}
      >
        ↶
      </button>
      <button
        type="button"
        className="weft-btn icon"
        aria-label="Redo"
        title="Redo (Ctrl+Shift+Z)"
        data-testid="redo"
        disabled={!canRedo}
        onClick={() => useGraphStore.getState().redo()}
      >
        ↷
      </button>
      <button
        type="button"
        className={`weft-btn icon${snap ? ' on' : ''}`}
        aria-label="Snap to grid"
        aria-pressed={snap}
        title="Snap to grid (Alt+G)"
        data-testid="snap-toggle"
        onClick={() => useUiStore.getState().toggleSnap()}
      >
        #
      </button>
      <button
        type="button"
        className="weft-btn icon"
        aria-label="Fit view"
        title="Fit view (F)"
        data-testid="fit-view"
        onClick={() => fitView()}
      >
        ⤢
      </button>
      <button
        type="button"
        className="weft-btn icon"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        data-testid="help"
        onClick={() => useUiStore.getState().openDialog({ kind: 'help' })}
      >
        ?
      </button>
    </div>
  );
}
