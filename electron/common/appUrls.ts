/**
 * The app's own URL scheme. The editor loads from `weft://app/…` (the built
 * renderer) and reads workspace files from `weft://workspace/…`, never from
 * file:// (which would open the whole disk to the page) or the network.
 * Pure: the preload (sandboxed) and main both use it.
 */
export const APP_SCHEME = 'weft';
export const APP_HOST = 'app';
export const WORKSPACE_HOST = 'workspace';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const WORKSPACE_ORIGIN = `${APP_SCHEME}://${WORKSPACE_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The editor's URL with the graph to open (workspace-relative), as `weft serve` takes it. */
export function editorUrl(graph: string | undefined): string {
  return graph ? `${APP_INDEX_URL}?graph=${encodeURIComponent(graph)}` : APP_INDEX_URL;
}

/**
 * A URL for a workspace file, usable in <img src>. Each path segment is
 * encoded; the main process decodes and confines it again, so this is a
 * convenience, not a check.
 */
export function workspaceFileUrl(path: string): string {
  const segments = path.split('/').map((segment) => encodeURIComponent(segment));
  return `${WORKSPACE_ORIGIN}/${segments.join('/')}`;
}
