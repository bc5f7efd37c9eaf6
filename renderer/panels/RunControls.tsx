/**
 * Run, Run selected and Stop, the run's status and elapsed time, and the
 * validation problems that would stop a run (each pinned to its node on the
 * canvas; clicking one here selects that node). Mounting it connects the run
 * store to the engine (useRunSession), so the app mounts it once; the app
 * mounts RunMessages (the run's toasts) beside it.
 *
 * Keys: Ctrl/Cmd+Enter runs the graph, Ctrl/Cmd+Shift+Enter runs the
 * selection, Ctrl/Cmd+. stops (ComfyUI's habits, where artists come from).
 */
import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ValidationIssue } from '../../engine/common/validate/validate.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useRunStore } from '../state/runStore.ts';
import { statusText } from './runStatusText.ts';
import { useNow } from './useNow.ts';
import { useRunSession } from './useRunSession.ts';
import './panels.css';

function allIssues(
  graphIssues: ValidationIssue[],
  byNode: Record<string, ValidationIssue[]>,
): ValidationIssue[] {
  return [...graphIssues, ...Object.values(byNode).flat()];
}

export function RunControls() {
  useRunSession();
  const run = useRunStore(
    useShallow((state) => ({
      status: state.status,
      starting: state.starting,
      stopping: state.stopping,
      startedAt: state.startedAt,
      durationMs: state.durationMs,
      nodes: state.nodes,
      graphIssues: state.graphIssues,
      issuesByNode: state.issuesByNode,
      startRun: state.startRun,
      stopRun: state.stopRun,
    })),
  );
  const selection = useGraphStore((state) => state.selection);
  const running = run.status === 'running';
  const now = useNow(running);
  const [issuesOpen, setIssuesOpen] = useState(false);
  const popoverId = useId();

  const issues = allIssues(run.graphIssues, run.issuesByNode);
  const errorCount = issues.filter((issue) => issue.severity === 'error').length;
  const canStart = !running && !run.starting;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const state = useRunStore.getState();
      if (event.key === 'Enter') {
        event.preventDefault();
        const targets = event.shiftKey ? useGraphStore.getState().selection : undefined;
        if (targets && targets.length === 0) return;
        void state.startRun(targets);
      } else if (event.key === '.' && state.activeRunId) {
        event.preventDefault();
        void state.stopRun();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const selectNode = (nodeId: string) => {
    useGraphStore.getState().setSelection([nodeId]);
    setIssuesOpen(false);
  };

  return (
    <div className="weft-run-controls" data-testid="run-controls">
      <button
        type="button"
        className="weft-button primary"
        data-testid="run-button"
        disabled={!canStart}
        title="Run the whole graph (Ctrl+Enter)"
        onClick={() => void run.startRun()}
      >
        Run
      </button>
      <button
        type="button"
        className="weft-button"
        data-testid="run-selected-button"
        disabled={!canStart || selection.length === 0}
        title="Run the selected nodes and what they need (Ctrl+Shift+Enter)"
        onClick={() => void run.startRun(selection)}
      >
        Run selected
      </button>
      <button
        type="button"
        className="weft-button danger"
        data-testid="stop-button"
        disabled={!running || run.stopping}
        title="Stop the run (Ctrl+.)"
        onClick={() => void run.stopRun()}
      >
        Stop
      </button>
      <span
        className="weft-run-status"
        data-testid="run-status"
        data-status={run.status}
        role="status"
      >
        <span className="weft-status-dot" data-status={run.starting ? 'running' : run.status} />
        {statusText(run, now)}
      </span>
      {issues.length > 0 && (
        <button
          type="button"
          className={`weft-button small ${errorCount > 0 ? 'weft-issues-button' : ''}`}
          data-testid="run-issues-button"
          aria-expanded={issuesOpen}
          aria-controls={popoverId}
          onClick={() => setIssuesOpen((open) => !open)}
        >
          {errorCount > 0
            ? `${errorCount} ${errorCount === 1 ? 'problem' : 'problems'}`
            : `${issues.length} ${issues.length === 1 ? 'warning' : 'warnings'}`}
        </button>
      )}
      {issuesOpen && issues.length > 0 && (
        <ul
          id={popoverId}
          className="weft-issues-popover"
          data-testid="run-issues"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setIssuesOpen(false);
          }}
        >
          {issues.map((issue, index) => (
            <li
              key={`${issue.nodeId ?? ''}:${issue.field ?? ''}:${issue.code}:${index}`}
              data-testid="run-issue"
              data-node-id={issue.nodeId}
              className={issue.severity === 'warning' ? 'weft-issue-warning' : undefined}
            >
              {issue.nodeId !== undefined && (
                <>
                  <button
                    type="button"
                    className="weft-link-button weft-issue-node"
                    onClick={() => selectNode(issue.nodeId!)}
                  >
                    {issue.nodeId}
                    {issue.field ? `.${issue.field}` : ''}
                  </button>{' '}
                </>
              )}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
