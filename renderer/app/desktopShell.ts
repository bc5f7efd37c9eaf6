/**
 * The editor's half of the desktop shell: where the preload bridge offers it,
 * the shell learns the open graph's title, path and unsaved state (window
 * title, the close prompt, recovery) and the editor carries out the native
 * menu's commands itself, since it owns the graph and its undo history. In a
 * browser there is no bridge and nothing here runs.
 */

/** The menu commands of electron/common/bridge.ts (the renderer never imports electron/). */
export type ShellCommand =
  'new' | 'save' | 'save-as' | 'run' | 'cancel-run' | 'fit-view' | 'import-file';

export interface ShellDocumentState {
  title: string;
  dirty: boolean;
  path?: string;
}

/** The part of `window.weft` this module uses. */
export interface ShellBridge {
  setDocumentState(state: ShellDocumentState): void;
  onCommand(listener: (command: ShellCommand) => void): () => void;
  /** The native file picker; the shell copies the file into the workspace's inputs/. */
  importFileDialog(options: { kind: 'image' | 'audio' | 'video' | 'any' }): Promise<{
    path: string;
  } | null>;
}

export interface DocumentSource {
  current(): ShellDocumentState;
  /** Calls `listener` after every change of the document; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function findShellBridge(scope: object = globalThis): ShellBridge | undefined {
  const candidate = (scope as { weft?: Partial<ShellBridge> }).weft;
  return candidate &&
    typeof candidate.setDocumentState === 'function' &&
    typeof candidate.onCommand === 'function' &&
    typeof candidate.importFileDialog === 'function'
    ? (candidate as ShellBridge)
    : undefined;
}

/** Keeps the shell told about the document and routes its commands; returns a disconnect. */
export function connectDesktopShell(
  bridge: ShellBridge,
  document: DocumentSource,
  commands: Readonly<Record<ShellCommand, () => void>>,
): () => void {
  let last = '';
  const report = (): void => {
    const state = document.current();
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    bridge.setDocumentState(state);
  };
  report();
  const unsubscribe = document.subscribe(report);
  const stopCommands = bridge.onCommand((command) => {
    if (Object.hasOwn(commands, command)) commands[command]();
  });
  return () => {
    unsubscribe();
    stopCommands();
  };
}
