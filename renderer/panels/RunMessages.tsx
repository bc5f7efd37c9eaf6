/**
 * The run-level news, as toasts in the corner: a failed, cancelled,
 * interrupted or refused run (from the run store's `message`), and warnings
 * the engine logged during the run (a GPU provider that fell back to the CPU).
 * Errors stay until dismissed; "Run cancelled" fades after a few seconds.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRunStore } from '../state/runStore.ts';
import './panels.css';

const INFO_TIMEOUT_MS = 6000;

export function RunMessages() {
  const { message, warnings, runId, dismissMessage } = useRunStore(
    useShallow((state) => ({
      message: state.message,
      warnings: state.warnings,
      runId: state.runId,
      dismissMessage: state.dismissMessage,
    })),
  );
  const [warningsDismissedFor, setWarningsDismissedFor] = useState<string | undefined>();

  useEffect(() => {
    if (message?.tone !== 'info') return;
    const timer = setTimeout(dismissMessage, INFO_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [message, dismissMessage]);

  const showWarnings = warnings.length > 0 && warningsDismissedFor !== runId;
  if (!message && !showWarnings) return null;
  return (
    <div className="weft-run-messages">
      {message && (
        <div
          className="weft-run-message"
          data-testid="run-message"
          data-tone={message.tone}
          role={message.tone === 'error' ? 'alert' : 'status'}
        >
          <p>{message.text}</p>
          <button
            type="button"
            className="weft-button small"
            aria-label="Dismiss"
            onClick={dismissMessage}
          >
            ×
          </button>
        </div>
      )}
      {showWarnings && (
        <div
          className="weft-run-message"
          data-testid="run-warnings"
          data-tone="warning"
          role="status"
        >
          <p>
            {warnings.at(-1)}
            {warnings.length > 1 && (
              <span className="weft-muted"> ({warnings.length - 1} more this run)</span>
            )}
          </p>
          <button
            type="button"
            className="weft-button small"
            aria-label="Dismiss warnings"
            onClick={() => setWarningsDismissedFor(runId)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
