/**
 * `npm start`: the desktop-or-browser decision (with the checks injected),
 * and the browser fallback for real: scripts/start.ts spawned as npm runs it,
 * on a machine without Electron's binary or a display (as here), must say why
 * in one sentence and serve the editor on the starter graph.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand, editorAddress, findServeUrl } from './startBrowser.ts';
import { checkDesktop, findElectronBinary, type DesktopCheckOptions } from './startDesktop.ts';

const ROOT = new URL('..', import.meta.url).pathname;

function options(overrides: Partial<DesktopCheckOptions>): DesktopCheckOptions {
  return {
    env: { DISPLAY: ':0' },
    platform: 'linux',
    browserRequested: false,
    find: () => '/electron',
    install: async () => ({ ok: true }),
    ...overrides,
  };
}

describe('choosing desktop or browser mode', () => {
  it('runs the desktop app when the binary and a display are there', async () => {
    expect(await checkDesktop(options({}))).toEqual({ ok: true, binary: '/electron' });
    expect(await checkDesktop(options({ env: {}, platform: 'darwin' }))).toMatchObject({
      ok: true,
    });
  });

  it('runs electron’s installer once when the binary is missing', async () => {
    let installs = 0;
    let present = false;
    const check = await checkDesktop(
      options({
        find: () => (present ? '/electron' : undefined),
        install: async () => {
          installs += 1;
          present = true;
          return { ok: true };
        },
      }),
    );
    expect(check).toEqual({ ok: true, binary: '/electron' });
    expect(installs).toBe(1);
  });

  const missing = (): string | undefined => undefined;
  it.each<[Partial<DesktopCheckOptions>, string]>([
    [{ browserRequested: true }, 'you asked for browser mode'],
    [
      {
        find: missing,
        install: async () => ({ ok: false as const, error: 'fetch failed' }),
      },
      "Electron's binary is not installed and could not be downloaded (fetch failed)",
    ],
    [
      { find: missing, env: {} },
      "Electron's binary is not installed and there is no display to open a window on",
    ],
    [
      { env: { WAYLAND_DISPLAY: '' } },
      'there is no display to open a window on (DISPLAY is not set)',
    ],
    [
      { find: missing, env: { DISPLAY: ':0', WEFT_ELECTRON_INSTALL: '0' } },
      "Electron's binary is not installed (WEFT_ELECTRON_INSTALL=0 skips its download)",
    ],
  ])('falls back to the browser and says why (%#)', async (overrides, reason) => {
    expect(await checkDesktop(options(overrides))).toEqual({ ok: false, reason });
  });

  it('finds the binary the way electron’s package does, without requiring it', () => {
    expect(findElectronBinary('/nowhere')).toBeUndefined();
  });
});

describe('browser mode details', () => {
  it('adds the graph to the printed address, keeping the token', () => {
    const printed = 'Weft editor: http://127.0.0.1:7860/?token=abc_123-x\nWorkspace: /w';
    const url = findServeUrl(printed)!;
    expect(url).toBe('http://127.0.0.1:7860/?token=abc_123-x');
    expect(editorAddress(url, 'txt2img.weft.json')).toBe(
      'http://127.0.0.1:7860/?token=abc_123-x&graph=txt2img.weft.json',
    );
  });

  it('opens the default browser the platform’s way, never a terminal browser', () => {
    expect(browserCommand('u', 'darwin', {})).toEqual({ command: 'open', args: ['u'] });
    expect(browserCommand('u', 'win32', {})?.command).toBe('cmd');
    expect(browserCommand('u', 'linux', { DISPLAY: ':1' })).toEqual({
      command: 'xdg-open',
      args: ['u'],
    });
    expect(browserCommand('u', 'linux', {})).toBeUndefined();
  });
});

describe('npm start without Electron', () => {
  it('says why in one sentence and serves the editor on the starter graph', async () => {
    const home = await mkdtemp(join(tmpdir(), 'weft-start-'));
    const noElectron = await mkdtemp(join(tmpdir(), 'weft-no-electron-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WEFT_HOME: home,
      ELECTRON_OVERRIDE_DIST_PATH: noElectron,
      WEFT_NO_OPEN: '1',
    };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin', 'run-ts.js'),
        join(ROOT, 'scripts', 'start.ts'),
        '--port',
        '0',
        '--no-build',
      ],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const started = Date.now();
      while (!/^Editor: (\S+)$/m.test(output)) {
        if (Date.now() - started > 90_000 || child.exitCode !== null) {
          throw new Error(`npm start printed no editor address:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const sentences = output
        .split('\n')
        .filter((line) => line.startsWith('Weft opens in your browser'));
      expect(sentences).toEqual([
        "Weft opens in your browser instead of the desktop app because Electron's binary is not installed and there is no display to open a window on.",
      ]);
      const address = new URL(/^Editor: (\S+)$/m.exec(output)![1]!);
      expect(address.searchParams.get('graph')).toBe('txt2img.weft.json');
      expect(address.searchParams.get('token')).toMatch(/^[0-9A-Za-z_-]{16,}$/);
      // The starter graph is in the default workspace, and the server answers the address.
      expect(await readFile(join(home, 'workspace', 'txt2img.weft.json'), 'utf8')).toBe(
        await readFile(join(ROOT, 'graphs', 'txt2img.weft.json'), 'utf8'),
      );
      const response = await fetch(address, { redirect: 'manual' });
      expect(response.status).toBeLessThan(500);
      const location = response.headers.get('location');
      if (location)
        expect(new URL(location, address).searchParams.get('graph')).toBe('txt2img.weft.json');
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      await rm(home, { recursive: true, force: true });
      await rm(noElectron, { recursive: true, force: true });
    }
  }, 120_000);
});
