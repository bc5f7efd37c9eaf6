/**
 * A file param: the workspace path, a browser of workspace files with the
 * param's extensions, and an upload button (op files.upload; the host keeps
 * the name and never overwrites).
 */
import { useRef, useState } from 'react';
import { getClient } from '../../client/instance.ts';
import { toBase64 } from '../../files/dropKind.ts';
import { FileBrowser } from '../../files/FileBrowser.tsx';
import { notify } from '../../state/toastStore.ts';
import { commitParam, endEdit } from './commit.ts';
import { paramLabel, type SpecOf, type WidgetProps } from './types.ts';

export function FileWidget({ nodeId, spec, value, invalid }: WidgetProps<SpecOf<'file'>>) {
  const [browsing, setBrowsing] = useState(false);
  const upload = useRef<HTMLInputElement>(null);
  const path = String(value);
  const set = (next: string) => {
    commitParam(nodeId, spec.name, next);
    endEdit();
  };
  const onUpload = async (file: File | undefined) => {
    if (!file) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await getClient().request('files.upload', {
        name: file.name,
        dataBase64: toBase64(bytes),
      });
      set(result.path);
    } catch (error) {
      notify(
        'error',
        `Could not upload ${file.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  return (
    <div className="weft-file-field">
      <span className="weft-param-label" title={spec.description ?? paramLabel(spec)}>
        {paramLabel(spec)}
      </span>
      <div className="weft-file-row">
        <button
          type="button"
          className={`weft-file-value nodrag${invalid ? ' invalid' : ''}`}
          data-testid={`param-${spec.name}`}
          aria-label={`${paramLabel(spec)}: ${path || 'none'}; choose a file`}
          title={path || 'Choose a file'}
          onClick={() => setBrowsing(!browsing)}
        >
          {path || 'Choose…'}
        </button>
        <button
          type="button"
          className="weft-icon-button nodrag"
          aria-label={`Upload ${paramLabel(spec)}`}
          title="Upload a file"
          onClick={() => upload.current?.click()}
        >
          ⤒
        </button>
        <input
          ref={upload}
          type="file"
          hidden
          accept={spec.accept.join(',')}
          onChange={(event) => {
            void onUpload(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </div>
      {browsing && (
        <div className="weft-file-popover nodrag nowheel">
          <FileBrowser
            accept={spec.accept}
            initialDir={path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''}
            onPick={(picked) => {
              setBrowsing(false);
              set(picked);
            }}
          />
        </div>
      )}
    </div>
  );
}
