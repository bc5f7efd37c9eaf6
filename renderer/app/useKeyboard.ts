/**
 * Global keys and clipboard events. Shortcuts are ignored while typing in a
 * field (except Save and Escape) and while a dialog is open (except Escape).
 * Copy, cut and paste use the browser's clipboard events, so they need no
 * permission and reach other windows and text editors as plain graph JSON.
 */
import { useEffect } from 'react';
import { pasteText, selectionText } from '../canvas/canvasActions.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { COMMANDS } from './commands.ts';
import { findShortcut } from './shortcuts.ts';

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function overlayOpen(): boolean {
  const ui = useUiStore.getState();
  return ui.dialog !== undefined || ui.palette !== undefined;
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const inField = isEditable(event.target);
      const id = findShortcut(event, inField);
      if (!id) return;
      if (id === 'escape' && inField && !overlayOpen() && !useUiStore.getState().renaming) {
        (event.target as HTMLElement).blur();
        return;
      }
      if (overlayOpen() && id !== 'escape' && id !== 'save') return;
      event.preventDefault();
      COMMANDS[id]();
    };
    const onCopy = (event: ClipboardEvent, cut: boolean) => {
      if (isEditable(event.target) || overlayOpen()) return;
      const text = selectionText();
      if (!text || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
      if (cut) useGraphStore.getState().removeSelection();
    };
    const copy = (event: ClipboardEvent) => onCopy(event, false);
    const cut = (event: ClipboardEvent) => onCopy(event, true);
    const paste = (event: ClipboardEvent) => {
      if (isEditable(event.target) || overlayOpen()) return;
      const text = event.clipboardData?.getData('text/plain');
      if (!text) return;
      event.preventDefault();
      pasteText(text);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, []);
}
