/**
 * `npm start`'s browser mode: `weft serve` on the default workspace, and the
 * default browser opened on the printed URL with the starter graph. Used
 * where the desktop app cannot run (no Electron binary, no display).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;

/** The URL `weft serve` printed, with the graph to open added (the token stays as printed). */
export function editorAddress(printedUrl: string, graph: string | undefined): string {
  if (!graph) return printedUrl;
  const url = new URL(printedUrl);
  url.searchParams.set('graph', graph);
  return url.href;
}

/** Finds the editor URL (it carries the token) in what `weft serve` printed. */
export function findServeUrl(printed: string): string | undefined {
  return /https?:\/\/[^\s]+token=[0-9A-Za-z_-]+/.exec(printed)?.[0];
}

/** The OS's way to open a URL in the default browser, or undefined where there is none. */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): { command: string; args: string[] } | undefined {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  // Without a display xdg-open may start a text browser in this terminal: print the URL instead.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return { command: 'xdg-open', args: [url] };
}

export function openBrowser(url: string): Promise<boolean> {
  const command = browserCommand(url, process.platform, process.env);
  if (!command) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(command.command, command.args, { stdio: 'ignore', detached: true });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
    child.unref();
  });
}

export interface BrowserModeOptions {
  workspace: string;
  graph: string | undefined;
  /** Extra `weft serve` flags (`--port`, `--host`). */
  serveArgs: string[];
  /** false: print the URL only (tests). */
  open: boolean;
}

/** Runs `weft serve` until it exits (Ctrl+C ends both); resolves with its exit code. */
export function runBrowserMode(options: BrowserModeOptions): Promise<number> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'weft.js'), 'serve', '--workspace', options.workspace, ...options.serveArgs],
    { stdio: ['inherit', 'pipe', 'inherit'] },
  );
  let printed = '';
  let opened = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (opened) return;
    printed += chunk.toString();
    const url = findServeUrl(printed);
    if (!url) return;
    opened = true;
    const address = editorAddress(url, options.graph);
    console.log(`Editor: ${address}`);
    if (options.open) {
      void openBrowser(address).then((ok) => {
        if (!ok)
          console.log('Open that address in your browser (no browser could be started from here).');
      });
    }
  });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });
}
