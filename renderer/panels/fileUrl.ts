/**
 * A URL for a workspace file, or undefined while no engine is connected (a
 * panel rendered before the client exists shows nothing rather than throwing).
 */
import { getClient } from '../client/instance.ts';

export function fileUrl(path: string): string | undefined {
  try {
    return getClient().fileUrl(path);
  } catch {
    return undefined;
  }
}
