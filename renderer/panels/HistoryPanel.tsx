/**
 * The runs of this workspace, newest first: status, when, how long, what
 * came out (thumbnails) and why it failed. Opening an entry loads its record
 * (runs.get): every output, the time each node took, and the graph as run,
 * which Restore puts back on the canvas (undoable there).
 */
import { useState } from 'react';
import type { RunSummary } from '../../engine/common/protocol/messages.ts';
import { useRunHistory } from './useRunHistory.ts';
import { HistoryEntry } from './HistoryEntry.tsx';
import './panels.css';

export function HistoryPanel() {
  const { runs, error, refresh } = useRunHistory();
  const [expanded, setExpanded] = useState<string | undefined>();

  return (
    <section className="weft-panel" data-testid="history-panel" aria-label="Run history">
      <div className="weft-panel-header">
        <h2>History</h2>
        <button
          type="button"
          className="weft-button small"
          data-testid="history-refresh"
          onClick={refresh}
        >
          Refresh
        </button>
      </div>
      {error && (
        <p className="weft-error-text" role="alert">
          {error}
        </p>
      )}
      {runs === undefined && !error && <p className="weft-muted">Loading…</p>}
      {runs !== undefined && runs.length === 0 && (
        <p className="weft-muted" data-testid="history-empty">
          No runs yet. Press Run and each run appears here with its outputs.
        </p>
      )}
      {runs !== undefined && runs.length > 0 && (
        <ul className="weft-history-list">
          {runs.map((run: RunSummary) => (
            <HistoryEntry
              key={run.runId}
              run={run}
              expanded={expanded === run.runId}
              onToggle={() =>
                setExpanded((current) => (current === run.runId ? undefined : run.runId))
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}
