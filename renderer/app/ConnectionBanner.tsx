/**
 * Says when the engine cannot be reached. Editing goes on meanwhile: the
 * document lives in this window, and the recovery copy is written as soon as
 * the connection is back.
 */
import type { EngineClient } from '../client/types.ts';
import { useConnectionState } from './useConnectionState.ts';

export function ConnectionBanner({ client }: { client: EngineClient }) {
  const state = useConnectionState(client);
  if (state === 'open') return null;
  const text =
    state === 'connecting'
      ? 'Connecting to the engine…'
      : state === 'reconnecting'
        ? 'Reconnecting… You can keep editing; nothing is lost, and running resumes when the engine is back.'
        : 'The connection to the engine is closed. Your edits are kept in this window; reload to reconnect.';
  return (
    <div
      className={`weft-connection-banner ${state}`}
      role="status"
      data-testid="connection-banner"
      data-state={state}
    >
      <span className="weft-spinner" aria-hidden="true" />
      {text}
    </div>
  );
}

export function ConnectionDot({ client }: { client: EngineClient }) {
  const state = useConnectionState(client);
  const label = {
    open: 'Connected',
    connecting: 'Connecting',
    reconnecting: 'Reconnecting',
    closed: 'Disconnected',
  }[state];
  return (
    <span
      className={`weft-connection-dot ${state}`}
      data-testid="connection-state"
      data-state={state}
      title={`Engine: ${label}`}
    >
      <span aria-hidden="true" />
      {label}
    </span>
  );
}
