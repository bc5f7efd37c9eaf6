/** Open: browse the workspace for graph files. */
import { Modal } from '../app/Modal.tsx';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { openFile } from './fileActions.ts';
import { FileBrowser } from './FileBrowser.tsx';

export function OpenDialog() {
  const current = useGraphStore((state) => state.filePath);
  const dir = current?.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
  return (
    <Modal title="Open a graph" testId="open-dialog">
      <FileBrowser
        accept={['.weft.json', '.json']}
        initialDir={dir}
        onPick={(path) => {
          useUiStore.getState().closeDialog();
          void openFile(path);
        }}
      />
    </Modal>
  );
}
