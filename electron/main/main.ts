/**
 * The desktop app's main process entry (bundled to dist/electron/main.cjs by
 * scripts/buildElectron.ts). Before `ready`: the app scheme, the sandbox for
 * every renderer, the data folder, the single-instance lock and macOS's
 * open-file. After: the session's security, the shell, crash recovery, the
 * window. Quitting stops the engine and records a clean exit.
 */
import { basename, dirname, join } from 'node:path';
import { app, protocol, session } from 'electron';
import { APP_SCHEME } from '../common/appUrls.ts';
import { createAppFileHandler } from './appFiles.ts';
import { defaultWorkspaceFolder, ensureDefaultWorkspace } from './defaultWorkspace.ts';
import { graphFilesFromArgv } from './fileArgs.ts';
import { appLayout } from './layout.ts';
import { RecentFiles } from './recentFiles.ts';
import { CONTENT_SECURITY_POLICY, isAllowedPermission, isAllowedRequestUrl } from './security.ts';
import { SessionMarker } from './sessionMarker.ts';
import { Shell, type ShellDocument } from './shell.ts';

// The bundle is CommonJS, so __dirname is the folder of main.cjs.
const layout = appLayout(__dirname);
const developer = !app.isPackaged || Boolean(process.env.WEFT_DEVTOOLS);

// Tests and CI move everything (including Electron's own profile) under WEFT_HOME.
if (process.env.WEFT_HOME) app.setPath('userData', join(process.env.WEFT_HOME, 'desktop'));
app.setName('Weft');
if (process.platform === 'win32') app.setAppUserModelId('dev.weft.app');
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    // corsEnabled: the built page loads its scripts as `<script type="module" crossorigin>`.
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
      corsEnabled: true,
    },
  },
]);

const pendingFiles: string[] = graphFilesFromArgv(process.argv.slice(1), process.cwd());
let shell: Shell | undefined;

// macOS hands files over with open-file, possibly before ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (shell) void shell.openGraph(path);
  else pendingFiles.push(path);
});

if (!app.requestSingleInstanceLock()) {
  // Another Weft is running: it gets our argv through second-instance.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const [file] = graphFilesFromArgv(argv.slice(1), workingDirectory);
    if (!shell) return;
    if (file) void shell.openGraph(file);
    else void shell.openWindow();
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  secureSession();
  const userData = app.getPath('userData');
  const recent = new RecentFiles(join(userData, 'recent-files.json'));
  await recent.load();
  const marker = new SessionMarker(join(userData, 'session.json'));
  const previous = await marker.begin();

  const document = await initialDocument(previous, recent.list[0]);
  shell = new Shell(
    { layout, recent, marker, windowStateFile: join(userData, 'window-state.json'), developer },
    document,
  );
  shell.start();
  if (previous) await shell.recover(previous);
  await shell.openWindow();
  // Files the OS handed over while Weft was starting: the last one wins.
  const late = pendingFiles.splice(0).pop();
  if (late) await shell.openGraph(late, { skipUnsavedCheck: true });

  app.on('activate', () => void shell?.openWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void Promise.allSettled([shell?.stop(), marker.end()]).then(() => {
      stopped = true;
      app.quit();
    });
  });
}

/**
 * The graph named on the command line, else the one open when Weft crashed
 * (so its autosave can be offered), else the most recent file, else the
 * default workspace with the starter example.
 */
async function initialDocument(
  previous: { workspace?: string | undefined; graph?: string | undefined } | undefined,
  mostRecent: string | undefined,
): Promise<ShellDocument> {
  const file = pendingFiles.shift() ?? (previous?.workspace ? undefined : mostRecent);
  if (file) return { workspace: dirname(file), graph: basename(file) };
  if (previous?.workspace) return { workspace: previous.workspace, graph: previous.graph };
  return ensureDefaultWorkspace(defaultWorkspaceFolder(process.env), layout.examples);
}

/** The window's session: our scheme, no network, no permissions, the CSP on everything. */
function secureSession(): void {
  const defaultSession = session.defaultSession;
  defaultSession.protocol.handle(
    APP_SCHEME,
    createAppFileHandler({ renderer: layout.renderer, workspace: () => shell?.workspace }),
  );
  defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  // The scheme handler sets each response's policy; anything else gets the strict one.
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const headers = details.responseHeaders ?? {};
    const hasPolicy = Object.keys(headers).some(
      (name) => name.toLowerCase() === 'content-security-policy',
    );
    callback({
      responseHeaders: hasPolicy
        ? headers
        : { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isAllowedPermission(permission)),
  );
  defaultSession.setPermissionCheckHandler((_contents, permission) =>
    isAllowedPermission(permission),
  );
}
