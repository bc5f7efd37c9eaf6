/** On start or open: unsaved changes from an earlier session were found; restore or discard them. */
import { Modal } from '../app/Modal.tsx';
import { useUiStore, type Dialog } from '../state/uiStore.ts';
import { clearRecovery } from './fileActions.ts';
import { baseName, loadIntoEditor } from './loadGraph.ts';

type RecoveryOffer = Extract<Dialog, { kind: 'recovery' }>;

export function RecoveryDialog({ offer }: { offer: RecoveryOffer }) {
  const when = offer.savedAt ? new Date(offer.savedAt).toLocaleString() : 'an earlier session';
  const name = offer.filePath ? baseName(offer.filePath) : 'an untitled graph';
  const close = () => useUiStore.getState().closeDialog();
  return (
    <Modal title="Restore unsaved changes?" testId="recovery-dialog" onClose={close}>
      <p>
        Weft kept unsaved changes to {name} from {when}. Restore them? (They stay unsaved until you
        save; discarding deletes the copy.)
      </p>
      <div className="weft-dialog-buttons">
        <button
          type="button"
          className="weft-btn"
          data-testid="recovery-discard"
          onClick={() => {
            close();
            void clearRecovery(offer.key);
          }}
        >
          Discard
        </button>
        <button
          type="button"
          className="weft-btn primary"
          data-testid="recovery-restore"
          onClick={() => {
            close();
            loadIntoEditor(offer.text, {
              filePath: offer.filePath,
              source: `The recovered copy of ${name}`,
              dirty: true,
            });
          }}
        >
          Restore
        </button>
      </div>
    </Modal>
  );
}
