/**
 * The application menu as a template (pure data, so a test can check every
 * item and accelerator). Commands that change the graph go to the editor,
 * which owns the graph and its undo history; the rest main does itself.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { ShellCommand } from '../common/bridge.ts';

export type MenuAction =
  | { kind: 'command'; command: ShellCommand }
  | { kind: 'open' }
  | { kind: 'open-recent'; path: string }
  | { kind: 'clear-recent' }
  | { kind: 'restart-engine' }
  | { kind: 'show-data-folder' }
  | { kind: 'show-workspace-folder' }
  | { kind: 'about' };

export interface MenuInput {
  platform: NodeJS.Platform;
  appName: string;
  recentFiles: readonly string[];
  /** Running from source: reload and developer tools are in the View menu. */
  developer: boolean;
  dispatch(action: MenuAction): void;
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const act =
    (action: MenuAction): (() => void) =>
    () =>
      input.dispatch(action);
  const command = (name: ShellCommand): (() => void) => act({ kind: 'command', command: name });

  const recent: MenuItemConstructorOptions[] =
    input.recentFiles.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : input.recentFiles.map((path, index) => ({
          label: `${index < 9 ? `&${index + 1} ` : ''}${basename(path)}`,
          toolTip: path,
          click: act({ kind: 'open-recent', path }),
        }));

  const appMenu: MenuItemConstructorOptions = {
    label: input.appName,
    submenu: [
      { label: `About ${input.appName}`, click: act({ kind: 'about' }) },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide', accelerator: 'Command+H' },
      { role: 'hideOthers', accelerator: 'Command+Alt+H' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit', accelerator: 'Command+Q' },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: '&New Graph', accelerator: 'CmdOrCtrl+N', click: command('new') },
      { label: '&Open…', accelerator: 'CmdOrCtrl+O', click: act({ kind: 'open' }) },
      {
        label: 'Open &Recent',
        submenu: [
          ...recent,
          { type: 'separator' },
          {
            label: '&Clear Recent',
            enabled: input.recentFiles.length > 0,
            click: act({ kind: 'clear-recent' }),
          },
        ],
      },
      { type: 'separator' },
      { label: '&Save', accelerator: 'CmdOrCtrl+S', click: command('save') },
      { label: 'Save &As…', accelerator: 'CmdOrCtrl+Shift+S', click: command('save-as') },
      { type: 'separator' },
      { label: '&Import File…', accelerator: 'CmdOrCtrl+I', click: command('import-file') },
      { label: 'Show &Workspace Folder', click: act({ kind: 'show-workspace-folder' }) },
      { type: 'separator' },
      mac
        ? { role: 'close', label: 'Close Window', accelerator: 'Command+W' }
        : { role: 'quit', label: 'E&xit', accelerator: 'Ctrl+Q' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo', accelerator: 'CmdOrCtrl+Z' },
      {
        role: 'redo',
        accelerator: input.platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z',
      },
      { type: 'separator' },
      { role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', accelerator: 'CmdOrCtrl+V' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: '&Fit Graph to Window', accelerator: 'CmdOrCtrl+1', click: command('fit-view') },
      { type: 'separator' },
      { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+Plus' },
      { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      { type: 'separator' },
      { role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Command+F' : 'F11' },
      ...(input.developer
        ? ([
            { type: 'separator' },
            { role: 'reload', accelerator: 'CmdOrCtrl+R' },
            {
              role: 'toggleDevTools',
              accelerator: mac ? 'Alt+Command+I' : 'Ctrl+Shift+I',
            },
          ] satisfies MenuItemConstructorOptions[])
        : []),
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: '&Run',
    submenu: [
      { label: '&Run Graph', accelerator: 'CmdOrCtrl+Enter', click: command('run') },
      { label: '&Cancel Run', accelerator: 'CmdOrCtrl+.', click: command('cancel-run') },
      { type: 'separator' },
      { label: 'Restart &Engine', click: act({ kind: 'restart-engine' }) },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Show &Data Folder', click: act({ kind: 'show-data-folder' }) },
      ...(mac
        ? []
        : ([
            { type: 'separator' },
            { label: `&About ${input.appName}`, click: act({ kind: 'about' }) },
          ] satisfies MenuItemConstructorOptions[])),
    ],
  };

  return [
    ...(mac ? [appMenu] : []),
    file,
    edit,
    view,
    run,
    ...(mac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    help,
  ];
}
