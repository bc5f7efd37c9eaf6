import { describe, expect, it } from 'vitest';
import type { ShellCommand, ShellDocumentState } from './desktopShell.ts';
import { connectDesktopShell, findShellBridge } from './desktopShell.ts';

function fakeBridge() {
  const states: ShellDocumentState[] = [];
  let listener: ((command: ShellCommand) => void) | undefined;
  return {
    states,
    press: (command: ShellCommand) => listener?.(command),
    bridge: {
      setDocumentState: (state: ShellDocumentState) => void states.push(state),
      onCommand: (next: (command: ShellCommand) => void) => {
        listener = next;
        return () => (listener = undefined);
      },
      importFileDialog: () => Promise.resolve(null),
    },
  };
}

describe('desktop shell', () => {
  it('tells the shell about the document once per real change', () => {
    const { bridge, states } = fakeBridge();
    let state: ShellDocumentState = { title: 'Untitled', dirty: false };
    const listeners = new Set<() => void>();
    const disconnect = connectDesktopShell(
      bridge,
      { current: () => state, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
      {} as Record<ShellCommand, () => void>,
    );
    state = { title: 'txt2img.weft.json', dirty: true, path: 'txt2img.weft.json' };
    listeners.forEach((l) => l());
    listeners.forEach((l) => l()); // a change elsewhere in the store: nothing new to say
    expect(states).toEqual([
      { title: 'Untitled', dirty: false },
      { title: 'txt2img.weft.json', dirty: true, path: 'txt2img.weft.json' },
    ]);
    disconnect();
    expect(listeners.size).toBe(0);
  });

  it('carries out menu commands and ignores unknown ones', () => {
    const { bridge, press } = fakeBridge();
    const done: string[] = [];
    const commands = Object.fromEntries(
      (['new', 'save', 'save-as', 'run', 'cancel-run', 'fit-view', 'import-file'] as const).map(
        (command) => [command, () => done.push(command)],
      ),
    ) as unknown as Record<ShellCommand, () => void>;
    connectDesktopShell(
      bridge,
      { current: () => ({ title: 'a', dirty: false }), subscribe: () => () => {} },
      commands,
    );
    press('save');
    press('run');
    press('toString' as ShellCommand);
    expect(done).toEqual(['save', 'run']);
  });

  it('finds the bridge only where the preload put one', () => {
    expect(findShellBridge({})).toBeUndefined();
    const weft = { setDocumentState: () => {}, onCommand: () => () => {} };
    expect(findShellBridge({ weft })).toBeUndefined();
    const importFileDialog = () => Promise.resolve(null);
    expect(findShellBridge({ weft: { ...weft, importFileDialog } })).toBeDefined();
  });
});
