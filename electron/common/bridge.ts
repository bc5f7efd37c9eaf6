/**
 * The API the preload exposes to the editor as `window.weft`: named
 * functions only (never ipcRenderer). The engine half mirrors a WebSocket
 * (send a protocol request, receive responses and pushes), so the renderer's
 * client has one interface with two transports; the shell half is what only a
 * desktop app has (native dialogs, recent files, menu commands).
 */
import type { HostMessage, Request } from '../../engine/common/protocol/messages.ts';

/** The same states as the renderer client's ConnectionState. */
export type EngineState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Menu commands the editor carries out itself (it owns the graph and its undo history). */
export const SHELL_COMMANDS = [
  'new',
  'save',
  'save-as',
  'run',
  'cancel-run',
  'fit-view',
  'import-file',
] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

/** What the editor tells the shell about the open graph (title bar, close prompt, recovery). */
export interface DocumentState {
  /** The graph's title, shown in the window title. */
  title: string;
  /** Unsaved changes: closing or opening another graph asks first. */
  dirty: boolean;
  /** Workspace-relative path of the graph file, when it has one. */
  path?: string;
}

export interface RecentFile {
  /** Absolute path on this machine (the user chose it in a dialog or the OS opened it). */
  path: string;
  name: string;
  /** The folder, for display. */
  folder: string;
}

export interface SaveAsResult {
  /**
   * Workspace-relative path of the saved file when it is inside the current
   * workspace; null when it was saved elsewhere, in which case the shell
   * reopens the editor on the new file (its folder becomes the workspace).
   */
  workspacePath: string | null;
  /** Absolute path, for display. */
  path: string;
}

export const IMPORT_KINDS = ['image', 'audio', 'video', 'any'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface WeftBridge {
  /** Sends a protocol request to the engine; the response arrives through onMessage. */
  send(request: Request): void;
  onMessage(listener: (message: HostMessage) => void): () => void;
  onEngineState(listener: (state: EngineState) => void): () => void;
  engineState(): Promise<EngineState>;
  /** A `weft://workspace/…` URL for a workspace file, for <img src>. */
  fileUrl(path: string): string;
  setDocumentState(state: DocumentState): void;
  /** Menu commands for the editor. Subscribing tells the shell the editor handles them. */
  onCommand(listener: (command: ShellCommand) => void): () => void;
  /** The native open dialog; the shell opens the chosen graph. false when cancelled. */
  openGraphDialog(): Promise<boolean>;
  /** The native save dialog; the shell writes `text` there. null when cancelled. */
  saveGraphAs(options: { text: string; suggestedName?: string }): Promise<SaveAsResult | null>;
  /** Picks a file and copies it into the workspace's inputs/ folder (never overwriting). */
  importFileDialog(options: { kind: ImportKind }): Promise<{ path: string } | null>;
  recentFiles(): Promise<RecentFile[]>;
  /** Opens an entry of the recent files list (nothing else: the path must be in it). */
  openRecentFile(path: string): Promise<boolean>;
  clearRecentFiles(): Promise<void>;
  /** Opens an https link in the OS browser if its host is on the allow-list. */
  openExternal(url: string): Promise<boolean>;
}

/** Every key of the bridge, in one list: the preload test compares the exposed surface to it. */
export const BRIDGE_KEYS = [
  'send',
  'onMessage',
  'onEngineState',
  'engineState',
  'fileUrl',
  'setDocumentState',
  'onCommand',
  'openGraphDialog',
  'saveGraphAs',
  'importFileDialog',
  'recentFiles',
  'openRecentFile',
  'clearRecentFiles',
  'openExternal',
] as const satisfies readonly (keyof WeftBridge)[];
