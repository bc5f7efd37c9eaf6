/** The editor's messages (refused wires, file problems, upgrades). */
import { useToastStore } from '../state/toastStore.ts';

export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="weft-toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`weft-toast ${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          data-kind={toast.kind}
        >
          <div className="weft-toast-body">
            <p>{toast.message}</p>
            {toast.details && (
              <details>
                <summary>Details</summary>
                <pre>{toast.details}</pre>
              </details>
            )}
          </div>
          <button
            type="button"
            className="weft-icon-button"
            aria-label="Dismiss"
            data-testid="toast-dismiss"
            onClick={() => useToastStore.getState().dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
