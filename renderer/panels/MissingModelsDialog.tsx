/**
 * When the open graph's `models` list names models the library does not have
 * (or has as another file), this dialog opens once per opened document,
 * lists each with its source and a Download button (progress from
 * download-progress pushes), and reloads the library and the node catalog as
 * downloads finish. Closed, it leaves a banner that opens it again.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ModelRequirement } from '../../engine/common/graph/schema.ts';
import type { OperationResult } from '../../engine/common/protocol/messages.ts';
import { getClient } from '../client/instance.ts';
import { useCatalogStore } from '../state/catalogStore.ts';
import { useGraphStore } from '../state/graphStore.ts';
import {
  checkModels,
  downloadParams,
  formatBytes,
  requirementKey,
  type ModelCheck,
} from './missingModels.ts';
import { useModelDownloads, type DownloadState } from './useModelDownloads.ts';
import './panels.css';

type Library = OperationResult<'models.list'>;

const NO_MODELS: ModelRequirement[] = [];

function useLibrary(): { library: Library | undefined; reload: () => void } {
  const [library, setLibrary] = useState<Library | undefined>();
  const reload = useCallback(() => {
    getClient()
      .request('models.list', {})
      .then(setLibrary)
      .catch(() => {
        // The library could not be listed (engine busy or gone): the dialog stays quiet.
      });
  }, []);
  useEffect(() => {
    reload();
    return getClient().onPush((message) => {
      if (message.push === 'models-changed') reload();
    });
  }, [reload]);
  return { library, reload };
}

function describeDownload(download: DownloadState): string {
  const total = download.totalBytes !== undefined ? ` of ${formatBytes(download.totalBytes)}` : '';
  switch (download.state) {
    case 'starting':
      return 'Starting the download…';
    case 'running':
      return `Downloading: ${formatBytes(download.receivedBytes)}${total}`;
    case 'done':
      return 'Downloaded and checked; it is in the library now.';
    case 'failed':
      return `The download failed: ${(download.error ?? 'no reason given').replace(/\.+$/, '')}. Try again, or put the file in the library by hand.`;
  }
}

function describeCheck(check: ModelCheck, root: string | undefined): string {
  if (check.status === 'ok') return 'In the library.';
  if (check.message) return check.message;
  const folder = root
    ? `${root}/${check.requirement.kind}/`
    : `the library's ${check.requirement.kind} folder`;
  return check.requirement.url
    ? `Not in your library. Download it, or put the file in ${folder}.`
    : `Not in your library, and the graph names no source; put the file in ${folder}.`;
}

function ModelRow({
  check,
  download,
  root,
  onDownload,
}: {
  check: ModelCheck;
  download: DownloadState | undefined;
  root: string | undefined;
  onDownload: () => void;
}) {
  const { requirement } = check;
  const params = downloadParams(requirement);
  const busy = download?.state === 'starting' || download?.state === 'running';
  const canDownload =
    params !== undefined && check.status === 'missing' && !busy && download?.state !== 'done';
  const fraction =
    download?.totalBytes && download.totalBytes > 0
      ? Math.min(1, download.receivedBytes / download.totalBytes)
      : undefined;
  return (
    <li
      className="weft-model-row"
      data-testid="missing-model-row"
      data-model-name={requirement.name}
      data-model-kind={requirement.kind}
      data-status={download?.state === 'done' ? 'downloaded' : check.status}
    >
      <span>
        <span className="name">{requirement.name}</span>{' '}
        <span className="weft-muted">
          {requirement.kind}
          {requirement.size !== undefined ? ` · ${formatBytes(requirement.size)}` : ''}
        </span>
      </span>
      <button
        type="button"
        className="weft-button small"
        data-testid="missing-model-download"
        disabled={!canDownload}
        title={params ? `Download from ${params.url}` : 'The graph names no source for this model.'}
        onClick={onDownload}
      >
        {download?.state === 'failed' ? 'Retry' : 'Download'}
      </button>
      <span className="source" data-testid="missing-model-source">
        {requirement.url ?? 'no source given'}
      </span>
      <span className="state" data-testid="missing-model-state">
        {download ? (
          <span className={download.state === 'failed' ? 'weft-error-text' : 'weft-muted'}>
            {describeDownload(download)}
          </span>
        ) : (
          <span className={check.status === 'missing' ? 'weft-muted' : 'weft-error-text'}>
            {describeCheck(check, root)}
          </span>
        )}
      </span>
      {busy && (
        <div
          className="weft-progress state"
          data-testid="missing-model-progress"
          role="progressbar"
          aria-label={`Downloading ${requirement.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={fraction !== undefined ? Math.round(fraction * 100) : undefined}
        >
          <div
            style={{
              width: fraction !== undefined ? `${(fraction * 100).toFixed(1)}%` : '100%',
              opacity: fraction === undefined ? 0.4 : 1,
            }}
          />
        </div>
      )}
    </li>
  );
}

export function MissingModelsDialog() {
  const models = useGraphStore((state) => state.graph.models ?? NO_MODELS);
  const documentId = useGraphStore((state) => state.documentId);
  const { library, reload } = useLibrary();
  const onDownloaded = useCallback(() => {
    reload();
    void useCatalogStore.getState().load();
  }, [reload]);
  const { downloads, start } = useModelDownloads(onDownloaded);
  const [closedFor, setClosedFor] = useState<number | undefined>();
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);

  const checks = library ? checkModels(models, library.models) : [];
  const rows = checks.filter(
    (check) => check.status !== 'ok' || downloads[requirementKey(check.requirement)],
  );
  const missing = checks.filter((check) => check.status !== 'ok');
  const open = rows.length > 0 && closedFor !== documentId;

  useEffect(() => {
    if (!open) return;
    dialog.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    // On the window, not the dialog: a Download button that disables itself drops the focus.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setClosedFor(documentId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, documentId]);

  if (!open) {
    if (missing.length === 0) return null;
    return (
      <div className="weft-banner" data-testid="missing-models-banner" role="status">
        <p>
          This graph needs {missing.length === 1 ? 'a model' : `${missing.length} models`} your
          library does not have.
        </p>
        <button
          type="button"
          className="weft-button small"
          data-testid="missing-models-open"
          onClick={() => setClosedFor(undefined)}
        >
          Review
        </button>
      </div>
    );
  }

  const close = () => setClosedFor(documentId);
  const downloadable = missing.filter(
    (check) =>
      check.status === 'missing' &&
      downloadParams(check.requirement) &&
      !['starting', 'running', 'done'].includes(
        downloads[requirementKey(check.requirement)]?.state ?? '',
      ),
  );
  return (
    <div
      className="weft-dialog-backdrop"
      onClick={(event) => {
        if (event.target === event.currentTarget) close();
      }}
    >
      <div
        ref={dialog}
        className="weft-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="missing-models-dialog"
      >
        <h2 id={titleId}>
          {missing.length > 0 ? 'Models this graph needs' : 'All models are here'}
        </h2>
        <p className="weft-muted" style={{ margin: 0 }}>
          {missing.length > 0
            ? `The graph lists the models it was made with. ${missing.length === 1 ? 'One is' : `${missing.length} are`} not in your library${library?.root ? ` (${library.root})` : ''}; the nodes that use ${missing.length === 1 ? 'it' : 'them'} cannot run until ${missing.length === 1 ? 'it is' : 'they are'} there.`
            : 'Every model the graph lists is in your library now.'}
        </p>
        <ul className="weft-model-list">
          {rows.map((check) => {
            const key = requirementKey(check.requirement);
            return (
              <ModelRow
                key={key}
                check={check}
                download={downloads[key]}
                root={library?.root}
                onDownload={() => {
                  const params = downloadParams(check.requirement);
                  if (params) start(key, params);
                }}
              />
            );
          })}
        </ul>
        <div className="weft-panel-header">
          <button
            type="button"
            className="weft-button"
            data-testid="missing-models-download-all"
            disabled={downloadable.length === 0}
            onClick={() => {
              for (const check of downloadable) {
                const params = downloadParams(check.requirement);
                if (params) start(requirementKey(check.requirement), params);
              }
            }}
          >
            Download all
          </button>
          <button
            type="button"
            className="weft-button primary"
            data-testid="missing-models-close"
            onClick={close}
          >
            {missing.length > 0 ? 'Later' : 'Done'}
          </button>
        </div>
      </div>
    </div>
  );
}
