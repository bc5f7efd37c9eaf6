/**
 * The window's web security beyond its options: the Content-Security-Policy,
 * what may load at all, where navigation may go, and which links may leave
 * the app for the OS browser. Pure decisions; main.ts attaches them.
 */
import { APP_HOST, APP_SCHEME, WORKSPACE_ORIGIN } from '../common/appUrls.ts';

/**
 * Scripts only from the app bundle, no eval, no plugins, no frames, no
 * network: the editor talks to the engine over IPC, never fetch. Styles allow
 * inline because React Flow positions nodes with style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' ${WORKSPACE_ORIGIN} data: blob:`,
  `media-src 'self' ${WORKSPACE_ORIGIN} blob:`,
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Hosts a link may open in the OS browser (and their subdomains). */
export const EXTERNAL_HOSTS = ['github.com', 'huggingface.co', 'onnxruntime.ai', 'electronjs.org'];

/** https only, default port, no credentials, an allow-listed host. */
export function isAllowedExternalUrl(
  url: string,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username || parsed.password) {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/** What the window's session may request: the app's own scheme and in-memory data, nothing remote. */
export function isAllowedRequestUrl(url: string): boolean {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  return (
    scheme === `${APP_SCHEME}:` ||
    scheme === 'data:' ||
    scheme === 'blob:' ||
    scheme === 'devtools:' ||
    scheme === 'chrome-extension:'
  );
}

/** The editor itself (any query): reloading it or switching graphs is the only navigation allowed. */
export function isAppPage(url: string): boolean {
  try {
    // Node's URL gives custom schemes a null origin, so compare the parts.
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.pathname === '/index.html' &&
      !parsed.username &&
      !parsed.password
    );
  } catch {
    return false;
  }
}

export interface NavigationEvent {
  preventDefault(): void;
}

export interface NavigationHandlers {
  willNavigate(event: NavigationEvent, url: string): void;
  willRedirect(event: NavigationEvent, url: string): void;
  willAttachWebview(event: NavigationEvent): void;
  /** For webContents.setWindowOpenHandler: every new window is denied. */
  windowOpen(details: { url: string }): { action: 'deny' };
}

/**
 * Navigation and new windows are denied; an allowed external link goes to
 * the OS browser instead (the only way out of the app).
 */
export function createNavigationHandlers(openExternal: (url: string) => void): NavigationHandlers {
  const leave = (url: string): void => {
    if (isAllowedExternalUrl(url)) openExternal(url);
  };
  return {
    willNavigate(event, url) {
      if (isAppPage(url)) return;
      event.preventDefault();
      leave(url);
    },
    willRedirect(event, url) {
      if (!isAppPage(url)) event.preventDefault();
    },
    willAttachWebview(event) {
      event.preventDefault();
    },
    windowOpen({ url }) {
      leave(url);
      return { action: 'deny' };
    },
  };
}

/** Permissions the page may have: writing to the clipboard (copying node JSON), nothing else. */
export function isAllowedPermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
