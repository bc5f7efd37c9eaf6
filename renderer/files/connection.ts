/** Waiting for the engine host before the first requests of a session. */
import type { EngineClient } from '../client/types.ts';

/** Resolves once the client's connection is open (at once when it already is). */
export function whenOpen(client: EngineClient): Promise<void> {
  if (client.connection === 'open') return Promise.resolve();
  return new Promise((resolve) => {
    const stop = client.onConnection((state) => {
      if (state !== 'open') return;
      stop();
      resolve();
    });
  });
}
