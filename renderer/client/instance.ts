/**
 * The one client of this window, set once at start-up (main.tsx) so stores
 * can reach the engine from their actions; tests set a fake of their own.
 */
import type { EngineClient } from './types.ts';

let current: EngineClient | undefined;

export function setClient(client: EngineClient | undefined): void {
  current = client;
}

export function getClient(): EngineClient {
  if (!current) throw new Error('The editor is not connected to an engine yet.');
  return current;
}
