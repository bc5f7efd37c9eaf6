/**
 * The IPC channel names between the preload bridge and the main process. One
 * table, so main registers exactly the channels the preload uses; a channel
 * not listed here is never handled.
 */
export const CHANNELS = {
  /** renderer → main (send): a protocol request for the engine. */
  engineRequest: 'weft:engine-request',
  /** main → renderer: a protocol response or push from the engine. */
  engineMessage: 'weft:engine-message',
  /** main → renderer: the engine's connection state (restarts show as 'reconnecting'). */
  engineState: 'weft:engine-state',
  /** renderer → main (invoke): the engine's current state, once at start. */
  engineStateGet: 'weft:engine-state-get',
  /** renderer → main (send): the open document's title, path and dirty flag. */
  documentState: 'weft:document-state',
  /** main → renderer: a menu command the editor carries out (save, run, …). */
  command: 'weft:command',
  /** renderer → main (send): the editor listens for commands (so main may rely on them). */
  commandsReady: 'weft:commands-ready',
  /** renderer → main (invoke): the native open dialog; main opens the chosen graph. */
  openGraphDialog: 'weft:open-graph-dialog',
  /** renderer → main (invoke): the native save dialog; main writes the text there. */
  saveGraphAs: 'weft:save-graph-as',
  /** renderer → main (invoke): pick a file (an image, say) and copy it into the workspace. */
  importFileDialog: 'weft:import-file-dialog',
  /** renderer → main (invoke): the recent files list. */
  recentFilesGet: 'weft:recent-files-get',
  /** renderer → main (invoke): open one entry of the recent files list. */
  recentFileOpen: 'weft:recent-file-open',
  /** renderer → main (invoke): forget the recent files. */
  recentFilesClear: 'weft:recent-files-clear',
  /** renderer → main (invoke): open an https link in the OS browser after the allow-check. */
  openExternal: 'weft:open-external',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];
