/**
 * Builds `window.weft` from an ipcRenderer-shaped object. Every function
 * forwards one argument on one named channel and never hands the renderer an
 * IPC event (event.sender is ipcRenderer itself). Validation happens in main;
 * this file only decides what exists.
 */
import type { HostMessage } from '../../engine/common/protocol/messages.ts';
import { workspaceFileUrl } from '../common/appUrls.ts';
import type { EngineState, ShellCommand, WeftBridge } from '../common/bridge.ts';
import { CHANNELS } from '../common/channels.ts';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike): WeftBridge {
  function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
    const wrapped = (_event: unknown, value: unknown): void => listener(value as T);
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  }
  let commandsAnnounced = false;

  return {
    send: (request) => ipc.send(CHANNELS.engineRequest, request),
    onMessage: (listener) => subscribe<HostMessage>(CHANNELS.engineMessage, listener),
    onEngineState: (listener) => subscribe<EngineState>(CHANNELS.engineState, listener),
    engineState: () => ipc.invoke(CHANNELS.engineStateGet) as Promise<EngineState>,
    fileUrl: (path) => workspaceFileUrl(String(path)),
    setDocumentState: (state) => ipc.send(CHANNELS.documentState, state),
    onCommand: (listener) => {
      const unsubscribe = subscribe<ShellCommand>(CHANNELS.command, listener);
      if (!commandsAnnounced) {
        commandsAnnounced = true;
        ipc.send(CHANNELS.commandsReady);
      }
      return unsubscribe;
    },
    openGraphDialog: () => ipc.invoke(CHANNELS.openGraphDialog) as Promise<boolean>,
    saveGraphAs: (options) =>
      ipc.invoke(CHANNELS.saveGraphAs, options) as ReturnType<WeftBridge['saveGraphAs']>,
    importFileDialog: (options) =>
      ipc.invoke(CHANNELS.importFileDialog, options) as ReturnType<WeftBridge['importFileDialog']>,
    recentFiles: () => ipc.invoke(CHANNELS.recentFilesGet) as ReturnType<WeftBridge['recentFiles']>,
    openRecentFile: (path) => ipc.invoke(CHANNELS.recentFileOpen, path) as Promise<boolean>,
    clearRecentFiles: async () => {
      await ipc.invoke(CHANNELS.recentFilesClear);
    },
    openExternal: (url) => ipc.invoke(CHANNELS.openExternal, url) as Promise<boolean>,
  };
}
