/**
 * Save as: a workspace path for the graph. An existing file is never
 * replaced silently: the host answers FILE_EXISTS and this asks first.
 */
import { useState, type FormEvent } from 'react';
import { Modal } from '../app/Modal.tsx';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { withGraphExtension, writeDocument } from './fileActions.ts';

function suggestedPath(): string {
  const { filePath, graph } = useGraphStore.getState();
  if (filePath) return filePath;
  const title = graph.meta?.title
    ?.toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `graphs/${title || 'untitled'}.weft.json`;
}

export function SaveAsDialog() {
  const [path, setPath] = useState(suggestedPath);
  const [exists, setExists] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const write = async (overwrite: boolean) => {
    const target = withGraphExtension(path);
    setBusy(true);
    const outcome = await writeDocument(target, overwrite);
    setBusy(false);
    if (outcome === 'exists') setExists(target);
    else if (outcome === 'saved') useUiStore.getState().closeDialog();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void write(false);
  };

  return (
    <Modal title="Save graph as" testId="save-as-dialog">
      <form onSubmit={submit}>
        <label className="weft-form-row">
          <span>Path in the workspace</span>
          <input
            autoFocus
            data-testid="save-as-path"
            value={path}
            onChange={(event) => {
              setPath(event.target.value);
              setExists(undefined);
            }}
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
        {exists ? (
          <div className="weft-confirm" role="alert" data-testid="save-as-exists">
            <p>{exists} already exists. Replace it?</p>
            <div className="weft-dialog-buttons">
              <button type="button" className="weft-btn" onClick={() => setExists(undefined)}>
                Keep it
              </button>
              <button
                type="button"
                className="weft-btn danger"
                data-testid="save-as-replace"
                disabled={busy}
                onClick={() => void write(true)}
              >
                Replace
              </button>
            </div>
          </div>
        ) : (
          <div className="weft-dialog-buttons">
            <button
              type="button"
              className="weft-btn"
              onClick={() => useUiStore.getState().closeDialog()}
            >
              Cancel
            </button>
            <button
              type="submit"
              className="weft-btn primary"
              data-testid="save-as-confirm"
              disabled={busy || path.trim() === ''}
            >
              Save
            </button>
          </div>
        )}
      </form>
    </Modal>
  );
}
