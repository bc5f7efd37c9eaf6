/** New, Open, Save, Save as and the recent files. */
import { useState } from 'react';
import { guardUnsaved, newDocument, openFile, save } from '../files/fileActions.ts';
import { readRecent } from '../files/recent.ts';
import { useUiStore } from '../state/uiStore.ts';

function RecentMenu({ onClose }: { onClose: () => void }) {
  const recent = readRecent();
  return (
    <div className="weft-menu" role="menu" data-testid="recent-menu" onPointerLeave={onClose}>
      {recent.length === 0 && <div className="weft-hint">No recent graphs yet.</div>}
      {recent.map((path) => (
        <button
          key={path}
          type="button"
          role="menuitem"
          className="weft-menu-item"
          data-testid="recent-item"
          onClick={() => {
            onClose();
            guardUnsaved(() => void openFile(path));
          }}
        >
          {path}
        </button>
      ))}
    </div>
  );
}

export function FileMenu() {
  const [recentOpen, setRecentOpen] = useState(false);
  return (
    <div className="weft-file-menu">
      <button
        type="button"
        className="weft-btn"
        data-testid="file-new"
        title="New graph (Alt+N)"
        onClick={newDocument}
      >
        New
      </button>
      <button
        type="button"
        className="weft-btn"
        data-testid="file-open"
        title="Open (Ctrl+O)"
        onClick={() => guardUnsaved(() => useUiStore.getState().openDialog({ kind: 'open' }))}
      >
        Open
      </button>
      <div className="weft-menu-anchor">
        <button
          type="button"
          className="weft-btn"
          data-testid="file-recent"
          aria-haspopup="menu"
          aria-expanded={recentOpen}
          onClick={() => setRecentOpen(!recentOpen)}
        >
          Recent ▾
        </button>
        {recentOpen && <RecentMenu onClose={() => setRecentOpen(false)} />}
      </div>
      <button
        type="button"
        className="weft-btn"
        data-testid="file-save"
        title="Save (Ctrl+S)"
        onClick={() => void save()}
      >
        Save
      </button>
      <button
        type="button"
        className="weft-btn"
        data-testid="file-save-as"
        title="Save as (Ctrl+Shift+S)"
        onClick={() => useUiStore.getState().openDialog({ kind: 'save-as' })}
      >
        Save as…
      </button>
    </div>
  );
}
