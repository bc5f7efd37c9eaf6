import { describe, expect, it } from 'vitest';
import { displayCombo, findShortcut, type KeyLike } from './shortcuts.ts';

const key = (overrides: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...overrides,
});

describe('shortcuts', () => {
  it('tells undo from redo by Shift, and takes ⌘ as Mod', () => {
    expect(findShortcut(key({ key: 'z', code: 'KeyZ', ctrlKey: true }), false)).toBe('undo');
    expect(
      findShortcut(key({ key: 'Z', code: 'KeyZ', metaKey: true, shiftKey: true }), false),
    ).toBe('redo');
    expect(findShortcut(key({ key: 'y', code: 'KeyY', ctrlKey: true }), false)).toBe('redoAlt');
  });

  it('matches letters by physical key, so Alt+C works on a Mac', () => {
    expect(findShortcut(key({ key: 'ç', code: 'KeyC', altKey: true }), false)).toBe('collapse');
    expect(findShortcut(key({ key: 'c', code: 'KeyC' }), false)).toBeUndefined();
  });

  it('ignores most shortcuts while typing, but not Save', () => {
    expect(findShortcut(key({ key: 'Backspace' }), true)).toBeUndefined();
    expect(findShortcut(key({ key: 'Backspace' }), false)).toBe('deleteAlt');
    expect(findShortcut(key({ key: 's', code: 'KeyS', ctrlKey: true }), true)).toBe('save');
  });

  it('takes "?" with the Shift its layout needs', () => {
    expect(findShortcut(key({ key: '?', code: 'Slash', shiftKey: true }), false)).toBe('help');
  });

  it('writes combos for the platform', () => {
    expect(displayCombo('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(displayCombo('Mod+Shift+Z', true)).toBe('⌘ShiftZ');
  });
});
