/**
 * The built bundles, as Electron would load them: the preload runs in a vm
 * with a fake `electron` module (contextBridge and ipcRenderer that record
 * what they are given) and must expose exactly the intended API; the main
 * bundle's start-up (before `ready`) must register the app scheme as
 * privileged, sandbox every renderer and take the single-instance lock.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, requiredModules, type ElectronBundles } from '../scripts/buildElectron.ts';
import { BRIDGE_KEYS } from './common/bridge.ts';
import { CHANNELS } from './common/channels.ts';

let out: string;
let bundles: ElectronBundles;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'weft-electron-build-'));
  bundles = await buildElectron(out);
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

type Listener = (event: unknown, ...args: unknown[]) => void;

function loadPreload(code: string) {
  const exposed: [string, Record<string, unknown>][] = [];
  const sent: unknown[][] = [];
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    send: (...args: unknown[]) => sent.push(args),
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return `answer to ${String(args[0])}`;
    },
    on: (channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: Listener) =>
      listeners.get(channel)?.delete(listener),
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]),
    },
    ipcRenderer,
  };
  const required: string[] = [];
  const module = { exports: {} };
  runInNewContext(code, {
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    },
    module,
    exports: module.exports,
  });
  const emit = (channel: string, value: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, value);
  };
  return { exposed, sent, invoked, listeners, required, ipcRenderer, emit };
}

describe('the built preload', () => {
  it('is one CommonJS file that requires only electron', async () => {
    const code = await readFile(bundles.preload, 'utf8');
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(|\bimport\s+[\w{*]/);
  });

  it('exposes exactly the intended API, as functions, under window.weft', async () => {
    const preload = loadPreload(await readFile(bundles.preload, 'utf8'));
    expect(preload.required).toEqual(['electron']);
    expect(preload.exposed).toHaveLength(1);
    const [key, api] = preload.exposed[0]!;
    expect(key).toBe('weft');
    expect(Object.keys(api).sort()).toEqual([...BRIDGE_KEYS].sort());
    for (const name of BRIDGE_KEYS) expect(typeof api[name], name).toBe('function');
    expect(Object.values(api)).not.toContain(preload.ipcRenderer);
  });

  it('forwards each call on its channel and never hands over an IPC event', async () => {
    const preload = loadPreload(await readFile(bundles.preload, 'utf8'));
    const api = preload.exposed[0]![1] as Record<string, (...args: unknown[]) => unknown>;

    api.send!({ id: 1, op: 'hello', params: {} });
    api.setDocumentState!({ title: 'Poster', dirty: true });
    expect(preload.sent).toEqual([
      [CHANNELS.engineRequest, { id: 1, op: 'hello', params: {} }],
      [CHANNELS.documentState, { title: 'Poster', dirty: true }],
    ]);

    const received: unknown[][] = [];
    const unsubscribe = api.onMessage!((...args: unknown[]) => received.push(args)) as () => void;
    preload.emit(CHANNELS.engineMessage, { id: 1, ok: true, result: {} });
    expect(received).toEqual([[{ id: 1, ok: true, result: {} }]]);
    unsubscribe();
    preload.emit(CHANNELS.engineMessage, { id: 2, ok: true, result: {} });
    expect(received).toHaveLength(1);
    expect(preload.listeners.get(CHANNELS.engineMessage)?.size).toBe(0);

    expect(api.fileUrl!('outputs/red circle.png')).toBe(
      'weft://workspace/outputs/red%20circle.png',
    );

    const calls: [string, unknown[]][] = [
      ['engineState', []],
      ['openGraphDialog', []],
      ['saveGraphAs', [{ text: '{}' }]],
      ['importFileDialog', [{ kind: 'image' }]],
      ['recentFiles', []],
      ['openRecentFile', ['/g/a.weft.json']],
      ['clearRecentFiles', []],
      ['openExternal', ['https://github.com/']],
    ];
    for (const [name, args] of calls) await api[name]!(...args);
    expect(preload.invoked).toEqual([
      [CHANNELS.engineStateGet],
      [CHANNELS.openGraphDialog],
      [CHANNELS.saveGraphAs, { text: '{}' }],
      [CHANNELS.importFileDialog, { kind: 'image' }],
      [CHANNELS.recentFilesGet],
      [CHANNELS.recentFileOpen, '/g/a.weft.json'],
      [CHANNELS.recentFilesClear],
      [CHANNELS.openExternal, 'https://github.com/'],
    ]);
  });

  it('tells main once that the editor handles menu commands', async () => {
    const preload = loadPreload(await readFile(bundles.preload, 'utf8'));
    const api = preload.exposed[0]![1] as Record<string, (...args: unknown[]) => unknown>;
    const commands: unknown[] = [];
    api.onCommand!((command: unknown) => commands.push(command));
    api.onCommand!(() => {});
    expect(preload.sent).toEqual([[CHANNELS.commandsReady]]);
    preload.emit(CHANNELS.command, 'save');
    expect(commands).toEqual(['save']);
  });
});

describe('the built main process', () => {
  function loadMain(code: string, options: { lockGranted: boolean }) {
    const calls: string[] = [];
    let schemes: unknown;
    const app = {
      isPackaged: false,
      setPath: (name: string) => calls.push(`setPath ${name}`),
      setName: (name: string) => calls.push(`setName ${name}`),
      setAppUserModelId: () => calls.push('setAppUserModelId'),
      enableSandbox: () => calls.push('enableSandbox'),
      on: (event: string) => calls.push(`on ${event}`),
      requestSingleInstanceLock: () => {
        calls.push('requestSingleInstanceLock');
        return options.lockGranted;
      },
      quit: () => calls.push('quit'),
      whenReady: () => {
        calls.push('whenReady');
        return new Promise(() => {});
      },
    };
    const electron = {
      app,
      protocol: {
        registerSchemesAsPrivileged: (value: unknown) => {
          calls.push('registerSchemesAsPrivileged');
          schemes = value;
        },
      },
    };
    const nodeRequire = createRequire(bundles.main);
    const module = { exports: {} };
    runInNewContext(code, {
      require: (name: string): unknown =>
        name === 'electron' ? electron : (nodeRequire(name) as unknown),
      module,
      exports: module.exports,
      __dirname: dirname(bundles.main),
      __filename: bundles.main,
      process: {
        ...process,
        argv: ['electron', bundles.main],
        env: { WEFT_HOME: '/tmp/weft-home' },
      },
      console,
      URL,
      setTimeout,
      clearTimeout,
    });
    return { calls, schemes };
  }

  it('sandboxes every renderer and registers weft:// as a secure standard scheme before ready', async () => {
    const main = loadMain(await readFile(bundles.main, 'utf8'), { lockGranted: true });
    expect(main.calls).toEqual(
      expect.arrayContaining([
        'enableSandbox',
        'registerSchemesAsPrivileged',
        'requestSingleInstanceLock',
        'whenReady',
      ]),
    );
    expect(main.calls.indexOf('enableSandbox')).toBeLessThan(main.calls.indexOf('whenReady'));
    expect(main.calls).toContain('setPath userData');
    expect(main.schemes).toEqual([
      {
        scheme: 'weft',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          stream: true,
          corsEnabled: true,
        },
      },
    ]);
  });

  it('quits at once when another instance holds the lock', async () => {
    const main = loadMain(await readFile(bundles.main, 'utf8'), { lockGranted: false });
    expect(main.calls).toContain('quit');
    expect(main.calls).not.toContain('whenReady');
    expect(main.calls).not.toContain('on second-instance');
  });
});
