/**
 * The desktop shell's state and behaviour: one editor window on one graph,
 * the engine host, menus, dialogs, recent files and crash recovery. The
 * decisions live in the small modules beside it (each tested); this file
 * wires them to Electron.
 */
import { basename, dirname } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, shell, utilityProcess } from 'electron';
import { parseRequest } from '../../engine/common/protocol/messages.ts';
import { weftPaths } from '../../engine/node/paths.ts';
import { editorUrl } from '../common/appUrls.ts';
import type { ImportKind, SaveAsResult, ShellCommand } from '../common/bridge.ts';
import { describeRecent } from './recentFiles.ts';
import type { RecentFiles } from './recentFiles.ts';
import { CHANNELS } from '../common/channels.ts';
import {
  askRecovery,
  askUnsaved,
  GRAPH_FILTERS,
  IMPORT_FILTERS,
  showEngineStopped,
} from './dialogs.ts';
import { confirmUnsaved, DocumentTracker, windowTitle } from './documentTracker.ts';
import { EchoGuard, shortcutFor } from './commandKeys.ts';
import { utilityEngineChild } from './engineChildren.ts';
import { EngineHost } from './engineHost.ts';
import { isGraphFile } from './fileArgs.ts';
import {
  copyIntoWorkspace,
  toWorkspacePath,
  withGraphExtension,
  writeTextAtomic,
} from './fileOps.ts';
import type { AppLayout } from './layout.ts';
import { buildMenuTemplate, type MenuAction } from './menu.ts';
import { registerIpc } from './ipc.ts';
import { offerRecovery, UNTITLED_KEY } from './recovery.ts';
import { createNavigationHandlers, isAllowedExternalUrl } from './security.ts';
import type { SessionInfo, SessionMarker } from './sessionMarker.ts';
import { createWindowOptions } from './windowOptions.ts';
import { captureWindow, loadWindowState, restoreWindow, saveWindowState } from './windowState.ts';

export interface ShellDocument {
  workspace: string;
  /** Workspace-relative; undefined for a new graph. */
  graph: string | undefined;
}

export interface ShellOptions {
  layout: AppLayout;
  recent: RecentFiles;
  marker: SessionMarker;
  windowStateFile: string;
  developer: boolean;
}

export class Shell {
  readonly #options: ShellOptions;
  readonly #tracker = new DocumentTracker();
  #document: ShellDocument;
  #window: BrowserWindow | undefined;
  #host: EngineHost;
  #editorHandlesCommands = false;
  #closeConfirmed = false;
  /** The user already agreed to drop unsaved changes: the page's beforeunload must not ask again. */
  #unloadConfirmed = false;
  #saveStateTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #echoGuard = new EchoGuard();

  constructor(options: ShellOptions, document: ShellDocument) {
    this.#options = options;
    this.#document = document;
    this.#host = new EngineHost({
      workspace: document.workspace,
      spawn: (workspace) =>
        utilityEngineChild(
          (modulePath, args, forkOptions) => utilityProcess.fork(modulePath, args, forkOptions),
          options.layout.engineEntry,
          workspace,
          { env: { ...process.env, WEFT_APP_VERSION: app.getVersion() } },
        ),
      onMessage: (message) => this.#toEditor(CHANNELS.engineMessage, message),
      onState: (state) => this.#toEditor(CHANNELS.engineState, state),
      onStopped: (report) => showEngineStopped(dialog, this.#window, report),
      onWarning: (message) => console.warn(`weft engine: ${message}`),
    });
  }

  get window(): BrowserWindow | undefined {
    return this.#window;
  }

  /** The open workspace (the folder `weft://workspace/` serves). */
  get workspace(): string {
    return this.#host.workspace;
  }

  start(): void {
    this.#host.start();
    this.#registerIpc();
    this.#rebuildMenu();
  }

  /** After a crash: offer the autosaved copy of the graph that was open. */
  async recover(previous: SessionInfo): Promise<void> {
    if (previous.workspace !== this.#document.workspace) return;
    try {
      const restored = await offerRecovery({
        call: (op, params) => this.#host.call(op, params),
        // The editor's autosave key: the graph's path, or "untitled" for a new graph.
        graph: previous.graph ?? UNTITLED_KEY,
        ask: (offer) => askRecovery(dialog, offer),
      });
      if (restored) this.#document = { ...this.#document, graph: restored };
    } catch (error) {
      console.warn(`weft: could not read the autosaved copy: ${(error as Error).message}`);
    }
  }

  async openWindow(): Promise<void> {
    if (this.#window) {
      this.#focus();
      return;
    }
    const saved = await loadWindowState(this.#options.windowStateFile);
    const restored = restoreWindow(
      saved,
      screen.getAllDisplays().map((display) => display.workArea),
    );
    const window = new BrowserWindow(
      createWindowOptions({
        preloadPath: this.#options.layout.preload,
        bounds: restored.bounds,
        iconPath: this.#options.layout.icon,
        devTools: this.#options.developer,
      }),
    );
    this.#window = window;
    this.#closeConfirmed = false;
    if (restored.maximized) window.maximize();
    window.once('ready-to-show', () => window.show());

    const guards = createNavigationHandlers((url) => void shell.openExternal(url));
    const contents = window.webContents;
    contents.on('will-navigate', (event, url) => guards.willNavigate(event, url));
    contents.on('will-redirect', (event, url) => guards.willRedirect(event, url));
    contents.on('will-attach-webview', (event) => guards.willAttachWebview(event));
    contents.setWindowOpenHandler((details) => guards.windowOpen(details));
    // The editor asks before unloading a graph with unsaved changes (beforeunload);
    // Electron shows no prompt of its own, so this is it.
    contents.on('will-prevent-unload', (event) => {
      if (this.#unloadConfirmed) {
        event.preventDefault();
        return;
      }
      const response = dialog.showMessageBoxSync(window, {
        type: 'warning',
        buttons: ['Discard Changes', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        message: 'This graph has unsaved changes.',
        detail: 'Discard them and go on? Choose Cancel, then File → Save, to keep them.',
      });
      if (response === 0) event.preventDefault();
    });
    contents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      void dialog
        .showMessageBox(window, {
          type: 'warning',
          buttons: ['Reload', 'Close'],
          defaultId: 0,
          message: 'The editor stopped unexpectedly.',
          detail: `Reason: ${details.reason}. Reloading opens the graph again (its autosaved changes are offered back if the editor kept them).`,
        })
        .then(({ response }) => (response === 0 ? contents.reload() : window.destroy()));
    });

    const remember = (): void => {
      clearTimeout(this.#saveStateTimer);
      this.#saveStateTimer = setTimeout(() => void this.#saveWindowState(window), 500);
    };
    window.on('resize', remember);
    window.on('move', remember);
    window.on('close', (event) => {
      void this.#saveWindowState(window);
      if (this.#closeConfirmed || !this.#tracker.state.dirty) return;
      event.preventDefault();
      void this.#confirmUnsaved().then((ok) => {
        if (!ok) return;
        this.#closeConfirmed = true;
        this.#unloadConfirmed = true;
        window.close();
      });
    });
    window.on('closed', () => {
      this.#window = undefined;
      this.#editorHandlesCommands = false;
    });
    await this.#load();
  }

  /** Opens a graph file (dialog, recent list, command line, OS). false when the user kept the current one. */
  async openGraph(path: string, options: { skipUnsavedCheck?: boolean } = {}): Promise<boolean> {
    if (!isGraphFile(path)) {
      await dialog.showMessageBox({
        type: 'error',
        message: `“${basename(path)}” is not a Weft graph.`,
        detail: 'Weft opens files whose names end in .weft.json.',
      });
      return false;
    }
    if (!options.skipUnsavedCheck) {
      const wasDirty = this.#tracker.state.dirty;
      if (!(await this.#confirmUnsaved())) return false;
      // Saved or discarded in our prompt: the page's own beforeunload need not ask again.
      this.#unloadConfirmed = wasDirty;
    } else {
      this.#unloadConfirmed = true;
    }
    // Leave the current page before switching the engine: its beforeunload may still
    // ask about unsaved changes, and the user may cancel.
    if (this.#window && !(await this.#leavePage())) return false;
    this.#document = { workspace: dirname(path), graph: basename(path) };
    await this.#host.setWorkspace(this.#document.workspace);
    await this.#options.recent.add(path);
    app.addRecentDocument(path);
    this.#rebuildMenu();
    if (this.#window) await this.#load();
    else await this.openWindow();
    this.#focus();
    return true;
  }

  async stop(): Promise<void> {
    await this.#host.stop();
  }

  async #load(): Promise<void> {
    this.#tracker.reset();
    this.#editorHandlesCommands = false;
    await this.#options.marker.update(this.#document);
    try {
      await this.#window?.loadURL(editorUrl(this.#document.graph));
    } finally {
      this.#unloadConfirmed = false;
    }
  }

  async #leavePage(): Promise<boolean> {
    try {
      await this.#window?.loadURL('about:blank');
      return true;
    } catch {
      // ERR_ABORTED: the user chose Cancel in the unsaved-changes prompt.
      return false;
    } finally {
      this.#unloadConfirmed = false;
    }
  }

  #focus(): void {
    const window = this.#window;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  }

  async #saveWindowState(window: BrowserWindow): Promise<void> {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    await saveWindowState(this.#options.windowStateFile, captureWindow(window)).catch(() => {});
  }

  #confirmUnsaved(): Promise<boolean> {
    return confirmUnsaved({
      tracker: this.#tracker,
      ask: (title) => askUnsaved(dialog, this.#window, title),
      requestSave: () => this.#command('save'),
    });
  }

  #toEditor(channel: string, message: unknown): void {
    const window = this.#window;
    if (window && !window.isDestroyed()) window.webContents.send(channel, message);
  }

  #command(command: ShellCommand): void {
    if (this.#editorHandlesCommands) {
      this.#toEditor(CHANNELS.command, command);
      return;
    }
    // An editor that does not listen for commands gets its own shortcut pressed.
    const key = shortcutFor(command, process.platform);
    const contents = this.#window?.webContents;
    if (!key || !contents || !this.#echoGuard.allow(command, Date.now())) return;
    contents.sendInputEvent({ type: 'keyDown', keyCode: key.keyCode, modifiers: key.modifiers });
    contents.sendInputEvent({ type: 'keyUp', keyCode: key.keyCode, modifiers: key.modifiers });
  }

  #rebuildMenu(): void {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          appName: app.getName(),
          recentFiles: this.#options.recent.list,
          developer: this.#options.developer,
          dispatch: (action) => void this.#dispatch(action),
        }),
      ),
    );
  }

  async #dispatch(action: MenuAction): Promise<void> {
    switch (action.kind) {
      case 'command':
        this.#command(action.command);
        return;
      case 'open':
        await this.#openDialog();
        return;
      case 'open-recent':
        await this.openGraph(action.path);
        return;
      case 'clear-recent':
        await this.#options.recent.clear();
        app.clearRecentDocuments();
        this.#rebuildMenu();
        return;
      case 'restart-engine':
        await this.#host.restart();
        return;
      case 'show-data-folder':
        await shell.openPath(weftPaths(process.env).data);
        return;
      case 'show-workspace-folder':
        await shell.openPath(this.#host.workspace);
        return;
      case 'about':
        app.setAboutPanelOptions({ applicationName: 'Weft', applicationVersion: app.getVersion() });
        app.showAboutPanel();
        return;
    }
  }

  async #openDialog(): Promise<boolean> {
    const options = {
      title: 'Open a graph',
      defaultPath: this.#host.workspace,
      properties: ['openFile' as const],
      filters: GRAPH_FILTERS,
    };
    const result = this.#window
      ? await dialog.showOpenDialog(this.#window, options)
      : await dialog.showOpenDialog(options);
    const [path] = result.filePaths;
    if (result.canceled || !path) return false;
    return this.openGraph(path);
  }

  #registerIpc(): void {
    registerIpc({
      ipcMain,
      trustedContentsId: () => this.#window?.webContents.id,
      onRejected: (channel, reason) => console.warn(`weft: refused ${channel}: ${reason}`),
      send: {
        [CHANNELS.engineRequest]: (request) => {
          const parsed = parseRequest(request);
          if (!parsed.ok) {
            this.#toEditor(CHANNELS.engineMessage, {
              id: parsed.id,
              ok: false,
              error: parsed.error,
            });
            return;
          }
          this.#host.request(request);
        },
        [CHANNELS.documentState]: (state) => {
          this.#tracker.update(state);
          this.#window?.setTitle(windowTitle(state, app.getName()));
          this.#window?.setDocumentEdited(state.dirty);
          if (state.path && state.path !== this.#document.graph) {
            this.#document = { ...this.#document, graph: state.path };
            void this.#options.marker.update(this.#document);
          }
        },
        [CHANNELS.commandsReady]: () => {
          this.#editorHandlesCommands = true;
        },
      },
      invoke: {
        [CHANNELS.engineStateGet]: () => this.#host.state,
        [CHANNELS.openGraphDialog]: () => this.#openDialog(),
        [CHANNELS.saveGraphAs]: (options) => this.#saveAs(options.text, options.suggestedName),
        [CHANNELS.importFileDialog]: (options) => this.#importFile(options.kind),
        [CHANNELS.recentFilesGet]: () => this.#options.recent.list.map(describeRecent),
        [CHANNELS.recentFileOpen]: (path) => {
          if (!this.#options.recent.has(path))
            throw new Error('That file is not in the recent files list.');
          return this.openGraph(path);
        },
        [CHANNELS.recentFilesClear]: () => this.#dispatch({ kind: 'clear-recent' }),
        [CHANNELS.openExternal]: async (url) => {
          if (!isAllowedExternalUrl(url)) return false;
          await shell.openExternal(url);
          return true;
        },
      },
    });
  }

  async #saveAs(text: string, suggestedName: string | undefined): Promise<SaveAsResult | null> {
    const window = this.#window;
    const options = {
      title: 'Save the graph as',
      defaultPath: `${this.#host.workspace}/${withGraphExtension(suggestedName ?? 'Untitled')}`,
      filters: GRAPH_FILTERS,
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    const path = withGraphExtension(result.filePath);
    await writeTextAtomic(path, text);
    await this.#options.recent.add(path);
    app.addRecentDocument(path);
    this.#rebuildMenu();
    const workspacePath = toWorkspacePath(this.#host.workspace, path) ?? null;
    if (workspacePath === null) {
      // Saved in another folder: that folder becomes the workspace (after this answer arrives).
      setTimeout(() => void this.openGraph(path, { skipUnsavedCheck: true }), 0);
    } else {
      this.#document = { ...this.#document, graph: workspacePath };
      await this.#options.marker.update(this.#document);
    }
    return { workspacePath, path };
  }

  async #importFile(kind: ImportKind): Promise<{ path: string } | null> {
    const options = {
      title: 'Add a file to the workspace',
      properties: ['openFile' as const],
      filters: IMPORT_FILTERS[kind],
    };
    const result = this.#window
      ? await dialog.showOpenDialog(this.#window, options)
      : await dialog.showOpenDialog(options);
    const [source] = result.filePaths;
    if (result.canceled || !source) return null;
    const inside = toWorkspacePath(this.#host.workspace, source);
    return { path: inside ?? (await copyIntoWorkspace(source, this.#host.workspace)) };
  }
}
