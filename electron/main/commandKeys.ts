/**
 * Menu commands for an editor that does not listen on `window.weft.onCommand`:
 * main presses the editor's own keyboard shortcut instead
 * (renderer/app/shortcuts.ts and the run controls), so File → Save works
 * either way. A pressed key the editor leaves unhandled comes back to the
 * menu as its accelerator; the shell ignores that echo (see shell.ts).
 */
import type { ShellCommand } from '../common/bridge.ts';

export type Modifier = 'control' | 'meta' | 'shift' | 'alt';

export interface KeyPress {
  keyCode: string;
  modifiers: Modifier[];
}

export function shortcutFor(
  command: ShellCommand,
  platform: NodeJS.Platform,
): KeyPress | undefined {
  const mod: Modifier = platform === 'darwin' ? 'meta' : 'control';
  switch (command) {
    case 'new':
      return { keyCode: 'N', modifiers: ['alt'] };
    case 'save':
      return { keyCode: 'S', modifiers: [mod] };
    case 'save-as':
      return { keyCode: 'S', modifiers: [mod, 'shift'] };
    case 'run':
      return { keyCode: 'Enter', modifiers: [mod] };
    case 'cancel-run':
      return { keyCode: '.', modifiers: [mod] };
    case 'fit-view':
      return { keyCode: 'F', modifiers: [] };
    case 'import-file':
      return undefined;
  }
}

/** Drops a command that repeats within `windowMs` (the unhandled key's echo through the menu). */
export class EchoGuard {
  #last: { command: ShellCommand; at: number } | undefined;
  readonly #windowMs: number;

  constructor(windowMs = 300) {
    this.#windowMs = windowMs;
  }

  /** true when the command should go ahead. */
  allow(command: ShellCommand, now: number): boolean {
    const echo =
      this.#last !== undefined &&
      this.#last.command === command &&
      now - this.#last.at < this.#windowMs;
    this.#last = { command, at: now };
    return !echo;
  }
}
