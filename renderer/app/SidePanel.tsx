/** The right-hand panel: run history and settings, in tabs; it folds away. */
import { HistoryPanel, SettingsPanel } from '../panels/index.ts';
import { useUiStore, type SideTab } from '../state/uiStore.ts';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
];

export function SidePanel() {
  const tab = useUiStore((state) => state.sideTab);
  const open = useUiStore((state) => state.sideOpen);
  return (
    <aside className={`weft-side${open ? '' : ' folded'}`} aria-label="Side panel">
      <div className="weft-side-tabs" role="tablist">
        {TABS.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={open && tab === entry.id}
            data-testid={`side-tab-${entry.id}`}
            className={open && tab === entry.id ? 'active' : undefined}
            onClick={() =>
              open && tab === entry.id
                ? useUiStore.getState().toggleSide()
                : useUiStore.getState().showSide(entry.id)
            }
          >
            {entry.label}
          </button>
        ))}
      </div>
      {open && (
        <div className="weft-side-body" role="tabpanel">
          {tab === 'history' ? <HistoryPanel /> : <SettingsPanel />}
        </div>
      )}
    </aside>
  );
}
