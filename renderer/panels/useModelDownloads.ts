/**
 * Downloads started from the missing-models dialog, tracked by the
 * download-progress pushes of their downloadId. When one finishes, `onDone`
 * runs (the dialog reloads models.list and the catalog).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PushMessage } from '../../engine/common/protocol/messages.ts';
import { getClient } from '../client/instance.ts';

export interface DownloadState {
  downloadId?: string;
  state: 'starting' | 'running' | 'done' | 'failed';
  receivedBytes: number;
  totalBytes?: number;
  error?: string;
}

type ProgressMessage = Extract<PushMessage, { push: 'download-progress' }>;

function fromPush(message: ProgressMessage): DownloadState {
  return {
    downloadId: message.downloadId,
    state: message.state,
    receivedBytes: message.receivedBytes,
    ...(message.totalBytes !== undefined ? { totalBytes: message.totalBytes } : {}),
    ...(message.error ? { error: message.error } : {}),
  };
}

/** Pushes of downloads not (yet) known here: their answer may still be on its way. */
const MAX_UNCLAIMED = 32;

export function useModelDownloads(onDone: () => void): {
  downloads: Record<string, DownloadState>;
  start: (
    key: string,
    params: { url: string; kind: string; name?: string; sha256?: string },
  ) => void;
} {
  const [downloads, setDownloads] = useState<Record<string, DownloadState>>({});
  const keyById = useRef(new Map<string, string>());
  const unclaimed = useRef(new Map<string, DownloadState>());
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);

  useEffect(
    () =>
      getClient().onPush((message) => {
        if (message.push !== 'download-progress') return;
        const key = keyById.current.get(message.downloadId);
        if (key === undefined) {
          unclaimed.current.set(message.downloadId, fromPush(message));
          if (unclaimed.current.size > MAX_UNCLAIMED) {
            unclaimed.current.delete(unclaimed.current.keys().next().value!);
          }
          return;
        }
        setDownloads((current) => ({ ...current, [key]: fromPush(message) }));
        if (message.state === 'done') done.current();
      }),
    [],
  );

  const start = useCallback(
    (key: string, params: { url: string; kind: string; name?: string; sha256?: string }) => {
      setDownloads((current) => ({ ...current, [key]: { state: 'starting', receivedBytes: 0 } }));
      getClient()
        .request('models.download', params)
        .then(({ downloadId }) => {
          keyById.current.set(downloadId, key);
          const early = unclaimed.current.get(downloadId);
          unclaimed.current.delete(downloadId);
          setDownloads((current) => ({
            ...current,
            [key]: early ?? { downloadId, state: 'running', receivedBytes: 0 },
          }));
          if (early?.state === 'done') done.current();
        })
        .catch((failure: unknown) =>
          setDownloads((current) => ({
            ...current,
            [key]: {
              state: 'failed',
              receivedBytes: 0,
              error: failure instanceof Error ? failure.message : String(failure),
            },
          })),
        );
    },
    [],
  );

  return { downloads, start };
}
