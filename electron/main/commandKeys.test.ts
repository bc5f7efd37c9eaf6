import { describe, expect, it } from 'vitest';
import { SHELL_COMMANDS } from '../common/bridge.ts';
import { EchoGuard, shortcutFor } from './commandKeys.ts';

describe('menu commands as the editor’s shortcuts', () => {
  it('presses Ctrl on Linux and Windows, ⌘ on macOS', () => {
    expect(shortcutFor('save', 'linux')).toEqual({ keyCode: 'S', modifiers: ['control'] });
    expect(shortcutFor('save', 'darwin')).toEqual({ keyCode: 'S', modifiers: ['meta'] });
    expect(shortcutFor('save-as', 'win32')).toEqual({
      keyCode: 'S',
      modifiers: ['control', 'shift'],
    });
    expect(shortcutFor('run', 'linux')).toEqual({ keyCode: 'Enter', modifiers: ['control'] });
    expect(shortcutFor('new', 'darwin')).toEqual({ keyCode: 'N', modifiers: ['alt'] });
  });

  it('has an answer for every command (a key, or none where the editor has no shortcut)', () => {
    const keyed = SHELL_COMMANDS.filter((command) => shortcutFor(command, 'linux'));
    expect(keyed).toEqual(['new', 'save', 'save-as', 'run', 'cancel-run', 'fit-view']);
  });

  it('ignores the echo of a pressed key, not a later press', () => {
    const guard = new EchoGuard(300);
    expect(guard.allow('save', 1000)).toBe(true);
    expect(guard.allow('save', 1100)).toBe(false);
    expect(guard.allow('run', 1150)).toBe(true);
    expect(guard.allow('save', 2000)).toBe(true);
  });
});
