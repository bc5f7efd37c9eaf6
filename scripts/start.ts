/**
 * `npm start`: the editor with the toy text-to-image example. The desktop app
 * when Electron can run here (its binary present, or fetched once by
 * electron's own installer, and a display); otherwise browser mode
 * (`weft serve` + the default browser), saying why in one sentence.
 *
 *   npm start [-- --browser] [-- --port N --host H --no-build] [-- path/to/graph.weft.json]
 *   env: WEFT_ELECTRON_INSTALL=0 (never download Electron), WEFT_NO_OPEN=1 (print the URL only)
 */
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultWorkspaceFolder,
  ensureDefaultWorkspace,
} from '../electron/main/defaultWorkspace.ts';
import { ensureRendererBuilt } from '../engine/node/serve/rendererBuild.ts';
import { buildElectron } from './buildElectron.ts';
import { runBrowserMode } from './startBrowser.ts';
import {
  checkDesktop,
  findElectronBinary,
  installElectron,
  launchElectron,
} from './startDesktop.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const INSTALL_TIMEOUT_MS = Number(process.env.WEFT_ELECTRON_INSTALL_TIMEOUT_MS ?? 60_000);

const { values, positionals } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const file = positionals.find((arg) => arg.endsWith('.json'));

const desktop = await checkDesktop({
  env: process.env,
  platform: process.platform,
  browserRequested: values.browser,
  find: () => findElectronBinary(),
  install: () => {
    console.log("Fetching Electron's binary with its installer…");
    return installElectron(INSTALL_TIMEOUT_MS);
  },
});

if (desktop.ok) {
  await ensureRendererBuilt({ log: (line) => console.log(line) });
  const bundles = await buildElectron();
  process.exitCode = await launchElectron(
    desktop.binary,
    bundles.main,
    file ? [resolve(file)] : [],
  );
} else {
  console.log(`Weft opens in your browser instead of the desktop app because ${desktop.reason}.`);
  const target = file
    ? { workspace: dirname(resolve(file)), graph: basename(file) }
    : await ensureDefaultWorkspace(defaultWorkspaceFolder(process.env), resolve(ROOT, 'graphs'));
  process.exitCode = await runBrowserMode({
    workspace: target.workspace,
    graph: target.graph,
    serveArgs: [
      ...(values.port ? ['--port', values.port] : []),
      ...(values.host ? ['--host', values.host] : []),
      ...(values['no-build'] ? ['--no-build'] : []),
    ],
    open: process.env.WEFT_NO_OPEN !== '1',
  });
}
