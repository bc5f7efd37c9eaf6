import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../common/channels.ts';
import { PAYLOADS } from '../common/payloads.ts';
import {
  isTrustedSender,
  registerIpc,
  SEND_CHANNELS,
  type IpcEventLike,
  type InvokeHandlers,
  type SendHandlers,
} from './ipc.ts';

const EDITOR = 7;
type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** ipcMain as Electron has it: one listener per channel for on and for handle. */
function fakeIpcMain() {
  const on = new Map<string, Listener>();
  const handle = new Map<string, Listener>();
  return {
    on,
    handle,
    ipcMain: {
      on: (channel: string, listener: Listener) => on.set(channel, listener),
      handle: (channel: string, listener: Listener) => {
        if (handle.has(channel)) throw new Error(`second handler for ${channel}`);
        handle.set(channel, listener);
      },
    },
  };
}

const editorFrame = { url: 'weft://app/index.html?graph=txt2img.weft.json', parent: null };
const fromEditor: IpcEventLike = { sender: { id: EDITOR }, senderFrame: editorFrame };

function setup() {
  const calls: [string, unknown][] = [];
  const rejected: [string, string][] = [];
  const record =
    (channel: string) =>
    (payload: unknown): unknown => {
      calls.push([channel, payload]);
      return `${channel} done`;
    };
  const send = Object.fromEntries(SEND_CHANNELS.map((c) => [c, record(c)])) as SendHandlers;
  const invokeChannels = Object.keys(PAYLOADS).filter(
    (c) => !(SEND_CHANNELS as readonly string[]).includes(c),
  );
  const invoke = Object.fromEntries(invokeChannels.map((c) => [c, record(c)])) as InvokeHandlers;
  const fake = fakeIpcMain();
  registerIpc({
    ipcMain: fake.ipcMain,
    trustedContentsId: () => EDITOR,
    send,
    invoke,
    onRejected: (channel, reason) => rejected.push([channel, reason]),
  });
  return { ...fake, calls, rejected };
}

describe('IPC registration', () => {
  it('registers every channel of the contract, each once, as send or invoke', () => {
    const { on, handle } = setup();
    expect([...on.keys()].sort()).toEqual([...SEND_CHANNELS].sort());
    expect([...on.keys(), ...handle.keys()].sort()).toEqual(Object.keys(PAYLOADS).sort());
  });

  it('passes a valid payload from the editor through', async () => {
    const { on, handle, calls } = setup();
    const state = { title: 'Text to image', dirty: true, path: 'txt2img.weft.json' };
    on.get(CHANNELS.documentState)!(fromEditor, state);
    await expect(
      handle.get(CHANNELS.openExternal)!(fromEditor, 'https://github.com/x'),
    ).resolves.toBe(`${CHANNELS.openExternal} done`);
    expect(calls).toEqual([
      [CHANNELS.documentState, state],
      [CHANNELS.openExternal, 'https://github.com/x'],
    ]);
  });

  it.each([
    ['another window', { sender: { id: 8 }, senderFrame: editorFrame }],
    [
      'a subframe of the editor',
      { sender: { id: EDITOR }, senderFrame: { ...editorFrame, parent: {} } },
    ],
    [
      'a page it navigated to',
      { sender: { id: EDITOR }, senderFrame: { url: 'https://evil.example/', parent: null } },
    ],
    [
      'a workspace file',
      { sender: { id: EDITOR }, senderFrame: { url: 'weft://workspace/index.html', parent: null } },
    ],
    ['a frame already gone', { sender: { id: EDITOR }, senderFrame: null }],
  ])('rejects messages from %s', async (_name, event: IpcEventLike) => {
    const { on, handle, calls, rejected } = setup();
    on.get(CHANNELS.documentState)!(event, { title: 'x', dirty: false });
    await expect(handle.get(CHANNELS.recentFilesGet)!(event)).rejects.toThrow(
      /refused: the sender is not the editor window/,
    );
    expect(calls).toEqual([]);
    expect(rejected.map(([channel]) => channel)).toEqual([
      CHANNELS.documentState,
      CHANNELS.recentFilesGet,
    ]);
  });

  it.each([
    [CHANNELS.documentState, { title: 'x', dirty: 'yes' }],
    [CHANNELS.documentState, { title: 'x', dirty: false, path: '../../etc/passwd' }],
    [CHANNELS.documentState, { title: 'x', dirty: false, extra: 1 }],
    [CHANNELS.engineRequest, { op: 'hello' }],
    [CHANNELS.engineRequest, 'hello'],
    [CHANNELS.commandsReady, { please: true }],
  ])('drops a bad %s payload', (channel, payload) => {
    const { on, calls, rejected } = setup();
    on.get(channel)!(fromEditor, payload);
    expect(calls).toEqual([]);
    expect(rejected[0]?.[0]).toBe(channel);
    expect(rejected[0]?.[1]).toMatch(/invalid payload/);
  });

  it.each([
    [CHANNELS.saveGraphAs, { text: 1 }],
    [CHANNELS.saveGraphAs, { text: '{}', suggestedName: '' }],
    [CHANNELS.importFileDialog, { kind: 'executable' }],
    [CHANNELS.recentFileOpen, 42],
    [CHANNELS.openExternal, 'x'.repeat(3000)],
    [CHANNELS.openGraphDialog, { path: '/etc/passwd' }],
  ])('rejects a bad %s call', async (channel, payload) => {
    const { handle, calls } = setup();
    await expect(handle.get(channel)!(fromEditor, payload)).rejects.toThrow(/invalid payload/);
    expect(calls).toEqual([]);
  });

  it('rejects extra arguments', async () => {
    const { handle, calls } = setup();
    await expect(
      handle.get(CHANNELS.openExternal)!(fromEditor, 'https://github.com/', 'more'),
    ).rejects.toThrow(/one argument expected/);
    expect(calls).toEqual([]);
  });

  it('trusts nothing before the window exists', () => {
    expect(isTrustedSender(fromEditor, undefined)).toBe(false);
    expect(isTrustedSender(fromEditor, EDITOR)).toBe(true);
  });
});
