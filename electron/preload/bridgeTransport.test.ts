/**
 * The renderer's IPC transport over the real preload bridge (createBridge),
 * with an in-memory ipcRenderer standing in for Electron's: the editor sees
 * the same Transport as over a WebSocket.
 */
import { describe, expect, it } from 'vitest';
import type { HostMessage } from '../../engine/common/protocol/messages.ts';
import {
  createIpcTransport,
  findIpcBridge,
  type IpcBridge,
} from '../../renderer/client/ipcTransport.ts';
import type { ConnectionState } from '../../renderer/client/types.ts';
import type { WeftBridge } from '../common/bridge.ts';
import { CHANNELS } from '../common/channels.ts';
import { createBridge, type IpcRendererLike } from './createBridge.ts';

// The bridge the preload exposes is what the renderer's transport expects.
const _bridgeFitsTransport: (bridge: WeftBridge) => IpcBridge = (bridge) => bridge;

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(engineState: ConnectionState) {
  const sent: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    send: (...args) => sent.push(args),
    invoke: async (channel) => (channel === CHANNELS.engineStateGet ? engineState : undefined),
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, value: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener({}, value);
  };
  return { ipc, sent, listeners, emit };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the IPC transport over the preload bridge', () => {
  it('starts from the engine’s current state and follows its restarts', async () => {
    const main = fakeIpc('open');
    const transport = createIpcTransport(createBridge(main.ipc));
    const states: ConnectionState[] = [];
    transport.onState((state) => states.push(state));
    expect(transport.state).toBe('connecting');
    await tick();
    expect(transport.state).toBe('open');
    main.emit(CHANNELS.engineState, 'reconnecting');
    main.emit(CHANNELS.engineState, 'open');
    expect(states).toEqual(['open', 'reconnecting', 'open']);
  });

  it('carries requests out and host messages in', async () => {
    const main = fakeIpc('open');
    const transport = createIpcTransport(createBridge(main.ipc));
    const received: HostMessage[] = [];
    transport.onMessage((message) => received.push(message));
    transport.send({ id: 3, op: 'files.list', params: {} });
    expect(main.sent).toEqual([[CHANNELS.engineRequest, { id: 3, op: 'files.list', params: {} }]]);
    main.emit(CHANNELS.engineMessage, { id: 3, ok: true, result: { dir: '', entries: [] } });
    main.emit(CHANNELS.engineMessage, { push: 'runs-changed' });
    expect(received).toEqual([
      { id: 3, ok: true, result: { dir: '', entries: [] } },
      { push: 'runs-changed' },
    ]);
    expect(transport.fileUrl('outputs/a.png')).toBe('weft://workspace/outputs/a.png');
  });

  it('stops listening when closed', async () => {
    const main = fakeIpc('open');
    const transport = createIpcTransport(createBridge(main.ipc));
    const received: HostMessage[] = [];
    transport.onMessage((message) => received.push(message));
    transport.close();
    expect(transport.state).toBe('closed');
    main.emit(CHANNELS.engineMessage, { push: 'runs-changed' });
    expect(received).toEqual([]);
    expect(main.listeners.get(CHANNELS.engineMessage)?.size).toBe(0);
    expect(main.listeners.get(CHANNELS.engineState)?.size).toBe(0);
    expect(() => transport.send({ id: 1, op: 'hello', params: {} })).toThrow(/closed/);
  });

  it('finds the bridge only where the preload put a complete one', () => {
    const bridge = createBridge(fakeIpc('open').ipc);
    expect(findIpcBridge({ weft: bridge })).toBe(bridge);
    expect(findIpcBridge({})).toBeUndefined();
    expect(findIpcBridge({ weft: { send: () => {} } })).toBeUndefined();
  });
});
