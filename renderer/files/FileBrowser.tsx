/**
 * A list of workspace files (op files.list), one folder at a time, for the
 * Open dialog and file params. Folders open on click; files pass `accept`.
 */
import { useEffect, useState } from 'react';
import type { FileEntry } from '../../engine/common/protocol/messages.ts';
import { getClient } from '../client/instance.ts';

export interface FileBrowserProps {
  /** Which files to list: their names end with one of these (lower case). */
  accept: readonly string[];
  onPick: (path: string) => void;
  initialDir?: string;
}

function parentOf(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

export function FileBrowser({ accept, onPick, initialDir = '' }: FileBrowserProps) {
  const [dir, setDir] = useState(initialDir);
  const [entries, setEntries] = useState<FileEntry[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    getClient()
      .request('files.list', dir === '' ? {} : { dir })
      .then((listing) => {
        if (!live) return;
        setEntries(listing.entries);
        setError(undefined);
      })
      .catch((reason: unknown) => {
        if (!live) return;
        setEntries([]);
        setError(
          `Could not list ${dir || 'the workspace'}: ${reason instanceof Error ? reason.message : String(reason)}`,
        );
      });
    return () => {
      live = false;
    };
  }, [dir]);

  const shown = (entries ?? [])
    .filter(
      (entry) =>
        entry.kind === 'dir' || accept.some((ending) => entry.name.toLowerCase().endsWith(ending)),
    )
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));

  return (
    <div className="weft-file-browser" data-testid="file-browser">
      <div className="weft-file-path">
        {dir === '' ? 'Workspace' : `Workspace / ${dir.split('/').join(' / ')}`}
      </div>
      {error && <div className="weft-error-text">{error}</div>}
      <ul role="listbox" aria-label="Files">
        {dir !== '' && (
          <li>
            <button
              type="button"
              className="weft-file-entry dir"
              onClick={() => setDir(parentOf(dir))}
            >
              ↑ ..
            </button>
          </li>
        )}
        {entries === undefined && <li className="weft-hint">Loading…</li>}
        {entries !== undefined && shown.length === 0 && !error && (
          <li className="weft-hint">Nothing to open here ({accept.join(', ')}).</li>
        )}
        {shown.map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              role="option"
              aria-selected={false}
              className={`weft-file-entry ${entry.kind}`}
              data-testid="file-entry"
              data-path={entry.path}
              onClick={() => (entry.kind === 'dir' ? setDir(entry.path) : onPick(entry.path))}
            >
              {entry.kind === 'dir' ? '📁 ' : ''}
              {entry.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
