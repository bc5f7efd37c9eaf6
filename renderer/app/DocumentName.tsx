/** The open file's name with a dot while it has unsaved changes; also the window title. */
import { useEffect } from 'react';
import { baseName } from '../files/loadGraph.ts';
import { useGraphStore } from '../state/graphStore.ts';

export function DocumentName() {
  const filePath = useGraphStore((state) => state.filePath);
  const dirty = useGraphStore((state) => state.dirty);
  const name = filePath ? baseName(filePath) : 'Untitled';
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name} — Weft`;
  }, [dirty, name]);
  return (
    <div
      className="weft-document-name"
      data-testid="document-title"
      data-dirty={dirty}
      title={filePath ?? 'Not saved yet'}
    >
      <span>{name}</span>
      {dirty && (
        <span className="weft-dirty" aria-label="unsaved changes" title="Unsaved changes">
          ●
        </span>
      )}
    </div>
  );
}
