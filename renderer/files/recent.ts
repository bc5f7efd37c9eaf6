/** Recently opened graphs, newest first, kept in this browser's storage. */
const KEY = 'weft.recentFiles';
export const RECENT_LIMIT = 10;

export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((entry) => entry !== path)].slice(0, RECENT_LIMIT);
}

export function readRecent(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): string[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(value)
      ? value.filter((entry): entry is string => typeof entry === 'string')
      : [];
  } catch {
    return [];
  }
}

export function rememberRecent(
  path: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage,
): string[] {
  const list = withRecent(readRecent(storage), path);
  try {
    storage?.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage may be full or refused; the list is a convenience.
  }
  return list;
}
