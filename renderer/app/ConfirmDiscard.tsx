/** Asked before an action would drop unsaved changes (new, open, a dropped graph). */
import { save } from '../files/fileActions.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { Modal } from './Modal.tsx';

export function ConfirmDiscard({ then }: { then: () => void }) {
  const close = () => useUiStore.getState().closeDialog();
  return (
    <Modal title="Unsaved changes" testId="confirm-discard">
      <p>The open graph has changes that are not saved. What should happen to them?</p>
      <div className="weft-dialog-buttons">
        <button type="button" className="weft-btn" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="weft-btn danger"
          data-testid="confirm-discard-discard"
          onClick={() => {
            close();
            then();
          }}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="weft-btn primary"
          data-testid="confirm-discard-save"
          onClick={() => {
            close();
            void save().then((saved) => {
              if (saved && !useGraphStore.getState().dirty) then();
            });
          }}
        >
          Save first
        </button>
      </div>
    </Modal>
  );
}
