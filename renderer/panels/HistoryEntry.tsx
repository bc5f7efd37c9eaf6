/**
 * One run in the history panel: a summary line that opens its details (all
 * outputs, per-node timings, errors) and the Restore button.
 */
import { useEffect, useId, useState } from 'react';
import type { OperationResult, RunSummary } from '../../engine/common/protocol/messages.ts';
import { getClient } from '../client/instance.ts';
import { useGraphStore } from '../state/graphStore.ts';
import {
  describeOutputs,
  formatDuration,
  formatStartedAt,
  nodeTimings,
  STATUS_LABELS,
} from './historyFormat.ts';
import { fileName, mediaKind } from './media.ts';
import { fileUrl } from './fileUrl.ts';
import { OutputFiles } from './OutputFiles.tsx';

type RunDetails = OperationResult<'runs.get'>;

const THUMBNAILS = 4;

export function HistoryEntry({
  run,
  expanded,
  onToggle,
}: {
  run: RunSummary;
  expanded: boolean;
  onToggle: () => void;
}) {
  const [details, setDetails] = useState<RunDetails | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [restored, setRestored] = useState(false);
  const detailsId = useId();
  const images = run.files.filter((file) => mediaKind(file) === 'image');

  const loadDetails = async (): Promise<RunDetails | undefined> => {
    if (details) return details;
    try {
      const loaded = await getClient().request('runs.get', { runId: run.runId });
      setDetails(loaded);
      setError(undefined);
      return loaded;
    } catch (failure) {
      setError(
        `This run's record could not be read: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
      return undefined;
    }
  };

  useEffect(() => {
    if (expanded && !details) void loadDetails();
    // Only opening the entry loads its record (loadDetails is a new function each render).
  }, [expanded]);

  const restore = async () => {
    const loaded = await loadDetails();
    if (!loaded) return;
    useGraphStore.getState().replaceGraph(loaded.graph);
    setRestored(true);
  };

  const firstError = run.errors[0];
  return (
    <li
      className="weft-history-entry"
      data-testid="history-entry"
      data-run-id={run.runId}
      data-status={run.status}
    >
      <button
        type="button"
        className="weft-history-summary"
        data-testid="history-toggle"
        aria-expanded={expanded}
        aria-controls={detailsId}
        onClick={onToggle}
      >
        <span className="weft-history-line">
          <span className="weft-status-dot" data-status={run.status} />
          <span className="title">{run.title || 'Untitled graph'}</span>
          <span className="weft-muted">{formatDuration(run.durationMs)}</span>
        </span>
        <span className="weft-history-line weft-muted">
          <span>{STATUS_LABELS[run.status]}</span>·
          <span>{formatStartedAt(run.startedAt, new Date())}</span>·
          <span>{describeOutputs(run.files, mediaKind)}</span>
        </span>
        {images.length > 0 && (
          <span className="weft-history-thumbs">
            {images.slice(0, THUMBNAILS).map((path) => {
              const url = fileUrl(path);
              return url ? (
                <img
                  key={path}
                  src={url}
                  alt={fileName(path)}
                  loading="lazy"
                  data-testid="history-thumbnail"
                />
              ) : null;
            })}
            {images.length > THUMBNAILS && (
              <span className="weft-more">+{images.length - THUMBNAILS}</span>
            )}
          </span>
        )}
        {firstError && (
          <span className="weft-error-text" data-testid="history-error">
            {firstError.nodeId ? `${firstError.nodeId}: ` : ''}
            {firstError.message}
            {run.errors.length > 1 ? ` (+${run.errors.length - 1} more)` : ''}
          </span>
        )}
      </button>
      {expanded && (
        <div className="weft-history-details" id={detailsId} data-testid="history-details">
          <div className="weft-panel-header">
            <button
              type="button"
              className="weft-button small"
              data-testid="history-restore"
              onClick={() => void restore()}
            >
              Restore graph
            </button>
            {restored && (
              <span className="weft-muted" data-testid="history-restored" role="status">
                Restored on the canvas; Undo brings back what was there.
              </span>
            )}
          </div>
          {error && (
            <p className="weft-error-text" role="alert">
              {error}
            </p>
          )}
          {run.files.length > 0 && (
            <OutputFiles files={run.files} imageTestId="history-output-image" columns={4} />
          )}
          {run.errors.length > 1 && (
            <ul className="weft-error-text" style={{ margin: 0, paddingLeft: 16 }}>
              {run.errors.map((runError, index) => (
                <li key={index}>
                  {runError.nodeId ? `${runError.nodeId}: ` : ''}
                  {runError.message}
                </li>
              ))}
            </ul>
          )}
          {details && (
            <table className="weft-timings" data-testid="history-timings">
              <tbody>
                {nodeTimings(details.nodes).map((row) => (
                  <tr key={row.nodeId}>
                    <td>{row.nodeId}</td>
                    <td className="weft-muted">{row.type}</td>
                    <td>
                      {row.status === 'cached'
                        ? `cached${row.tier ? ` (${row.tier})` : ''}`
                        : row.durationMs !== undefined
                          ? formatDuration(row.durationMs)
                          : row.status}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!details && !error && <p className="weft-muted">Loading the run's record…</p>}
        </div>
      )}
    </li>
  );
}
