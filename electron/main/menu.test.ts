import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuAction } from './menu.ts';

function build(platform: NodeJS.Platform, recentFiles: string[] = [], developer = false) {
  const actions: MenuAction[] = [];
  const template = buildMenuTemplate({
    platform,
    appName: 'Weft',
    recentFiles,
    developer,
    dispatch: (action) => actions.push(action),
  });
  return { template, actions };
}

function submenu(
  template: MenuItemConstructorOptions[],
  label: string,
): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label?.replace('&', '') === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((entry) => (entry.label ?? entry.role)?.replace(/&/g, '') === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  (entry.click as () => void)();
}

describe('the application menu', () => {
  it('has File, Edit, View, Run and Help (plus the app and Window menus on macOS)', () => {
    expect(build('linux').template.map((menu) => menu.label ?? menu.role)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Run',
      '&Help',
    ]);
    expect(build('darwin').template.map((menu) => menu.label ?? menu.role)).toEqual([
      'Weft',
      '&File',
      '&Edit',
      '&View',
      '&Run',
      'windowMenu',
      '&Help',
    ]);
  });

  it('uses the usual accelerators', () => {
    const { template } = build('linux');
    const accelerators = Object.fromEntries(
      template
        .flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []))
        .filter((entry) => entry.accelerator)
        .map((entry) => [(entry.label ?? entry.role)!.replace(/&/g, ''), entry.accelerator]),
    );
    expect(accelerators).toMatchObject({
      'New Graph': 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      Save: 'CmdOrCtrl+S',
      'Save As…': 'CmdOrCtrl+Shift+S',
      Exit: 'Ctrl+Q',
      undo: 'CmdOrCtrl+Z',
      redo: 'CmdOrCtrl+Shift+Z',
      cut: 'CmdOrCtrl+X',
      copy: 'CmdOrCtrl+C',
      paste: 'CmdOrCtrl+V',
      selectAll: 'CmdOrCtrl+A',
      resetZoom: 'CmdOrCtrl+0',
      togglefullscreen: 'F11',
      'Run Graph': 'CmdOrCtrl+Enter',
      'Cancel Run': 'CmdOrCtrl+.',
    });
  });

  it('follows each platform’s habits', () => {
    expect(item(submenu(build('win32').template, 'Edit'), 'redo').accelerator).toBe('Ctrl+Y');
    const macFile = submenu(build('darwin').template, 'File');
    expect(item(macFile, 'Close Window')).toMatchObject({
      role: 'close',
      accelerator: 'Command+W',
    });
    expect(macFile.some((entry) => entry.role === 'quit')).toBe(false);
    const appMenu = build('darwin').template[0]!.submenu as MenuItemConstructorOptions[];
    expect(item(appMenu, 'quit').accelerator).toBe('Command+Q');
    expect(item(submenu(build('darwin').template, 'View'), 'togglefullscreen').accelerator).toBe(
      'Ctrl+Command+F',
    );
  });

  it('sends graph commands to the editor and does the rest itself', () => {
    const { template, actions } = build('linux', ['/g/a.weft.json']);
    click(item(submenu(template, 'File'), 'Save'));
    click(item(submenu(template, 'File'), 'Open…'));
    click(item(submenu(template, 'Run'), 'Run Graph'));
    click(item(submenu(template, 'Run'), 'Restart Engine'));
    expect(actions).toEqual([
      { kind: 'command', command: 'save' },
      { kind: 'open' },
      { kind: 'command', command: 'run' },
      { kind: 'restart-engine' },
    ]);
  });

  it('lists recent files, numbered, with a Clear entry', () => {
    const { template, actions } = build('linux', ['/g/a.weft.json', '/h/b.weft.json']);
    const recent = item(submenu(template, 'File'), 'Open Recent')
      .submenu as MenuItemConstructorOptions[];
    expect(recent.map((entry) => entry.label ?? entry.type)).toEqual([
      '&1 a.weft.json',
      '&2 b.weft.json',
      'separator',
      '&Clear Recent',
    ]);
    click(recent[1]!);
    click(recent[3]!);
    expect(actions).toEqual([
      { kind: 'open-recent', path: '/h/b.weft.json' },
      { kind: 'clear-recent' },
    ]);

    const empty = item(submenu(build('linux').template, 'File'), 'Open Recent')
      .submenu as MenuItemConstructorOptions[];
    expect(empty[0]).toMatchObject({ label: 'No Recent Files', enabled: false });
    expect(empty.at(-1)).toMatchObject({ enabled: false });
  });

  it('shows reload and developer tools only when running from source', () => {
    const roles = (developer: boolean) =>
      submenu(build('linux', [], developer).template, 'View').map((entry) => entry.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
