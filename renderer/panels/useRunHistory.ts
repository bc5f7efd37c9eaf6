/**
 * The engine's run records, newest first: loaded on mount and again on every
 * runs-changed push and after a reconnect (a run may have ended meanwhile).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../engine/common/protocol/messages.ts';
import { getClient } from '../client/instance.ts';

export interface RunHistory {
  runs: RunSummary[] | undefined;
  error: string | undefined;
  refresh: () => void;
}

export function useRunHistory(limit = 50): RunHistory {
  const [runs, setRuns] = useState<RunSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const sequence = useRef(0);

  const refresh = useCallback(() => {
    const current = ++sequence.current;
    getClient()
      .request('runs.list', { limit })
      .then((result) => {
        if (current !== sequence.current) return;
        setRuns(result.runs);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (current !== sequence.current) return;
        setError(
          `The run history could not be loaded: ${failure instanceof Error ? failure.message : String(failure)}`,
        );
      });
  }, [limit]);

  useEffect(() => {
    const client = getClient();
    refresh();
    const offPush = client.onPush((message) => {
      if (message.push === 'runs-changed') refresh();
    });
    const offConnection = client.onConnection((state) => {
      if (state === 'open') refresh();
    });
    return () => {
      offPush();
      offConnection();
    };
  }, [refresh]);

  return { runs, error, refresh };
}
