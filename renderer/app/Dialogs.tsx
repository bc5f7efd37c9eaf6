/** The one open dialog, if any. */
import { OpenDialog } from '../files/OpenDialog.tsx';
import { RecoveryDialog } from '../files/RecoveryDialog.tsx';
import { SaveAsDialog } from '../files/SaveAsDialog.tsx';
import { useUiStore } from '../state/uiStore.ts';
import { ConfirmDiscard } from './ConfirmDiscard.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';

export function Dialogs() {
  const dialog = useUiStore((state) => state.dialog);
  switch (dialog?.kind) {
    case 'open':
      return <OpenDialog />;
    case 'save-as':
      return <SaveAsDialog />;
    case 'recovery':
      return <RecoveryDialog offer={dialog} />;
    case 'confirm-discard':
      return <ConfirmDiscard then={dialog.then} />;
    case 'help':
      return <HelpOverlay />;
    default:
      return null;
  }
}
