/** A centred dialog over the editor; Escape (app/commands.ts) or the backdrop closes it. */
import type { ReactNode } from 'react';
import { useUiStore } from '../state/uiStore.ts';

export function Modal({
  title,
  testId,
  children,
  onClose,
}: {
  title: string;
  testId: string;
  children: ReactNode;
  onClose?: () => void;
}) {
  const close = onClose ?? (() => useUiStore.getState().closeDialog());
  return (
    <div className="weft-modal-backdrop" onPointerDown={close}>
      <div
        className="weft-modal"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onPointerDown={(event) => event.stopPropagation()}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
