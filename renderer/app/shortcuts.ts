/**
 * The keyboard shortcuts, as data: the handler and the help overlay (?) read
 * the same table, so the overlay cannot drift from what the keys do. "Mod"
 * is Ctrl, or ⌘ on a Mac. Letters match by physical key (event.code), so
 * Alt+C still works where Alt changes the character typed.
 */
export type ShortcutId =
  | 'palette'
  | 'undo'
  | 'redo'
  | 'redoAlt'
  | 'delete'
  | 'deleteAlt'
  | 'duplicate'
  | 'selectAll'
  | 'group'
  | 'bypass'
  | 'mute'
  | 'collapse'
  | 'rename'
  | 'fitView'
  | 'snap'
  | 'save'
  | 'saveAs'
  | 'open'
  | 'new'
  | 'help'
  | 'escape';

export interface Shortcut {
  id: ShortcutId;
  combo: string;
  description: string;
  section: 'Canvas' | 'Edit' | 'File' | 'Help';
  /** Also fires while typing in a field (only Save and Escape do). */
  inFields?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'palette',
    combo: 'Tab',
    description: 'Add a node (also: double-click the canvas)',
    section: 'Canvas',
  },
  { id: 'fitView', combo: 'F', description: 'Fit the graph in view', section: 'Canvas' },
  { id: 'snap', combo: 'Alt+G', description: 'Snap to grid on/off', section: 'Canvas' },
  { id: 'selectAll', combo: 'Mod+A', description: 'Select everything', section: 'Canvas' },
  {
    id: 'escape',
    combo: 'Escape',
    description: 'Close overlays, clear the selection',
    section: 'Canvas',
    inFields: true,
  },
  { id: 'undo', combo: 'Mod+Z', description: 'Undo', section: 'Edit' },
  { id: 'redo', combo: 'Mod+Shift+Z', description: 'Redo', section: 'Edit' },
  { id: 'redoAlt', combo: 'Mod+Y', description: 'Redo', section: 'Edit' },
  { id: 'delete', combo: 'Delete', description: 'Delete the selection', section: 'Edit' },
  { id: 'deleteAlt', combo: 'Backspace', description: 'Delete the selection', section: 'Edit' },
  { id: 'duplicate', combo: 'Mod+D', description: 'Duplicate the selection', section: 'Edit' },
  { id: 'group', combo: 'Mod+G', description: 'Put the selection in a group box', section: 'Edit' },
  {
    id: 'bypass',
    combo: 'Mod+B',
    description: 'Bypass the selected nodes (their inputs pass through)',
    section: 'Edit',
  },
  {
    id: 'mute',
    combo: 'Mod+M',
    description: 'Mute the selected nodes (they do not run)',
    section: 'Edit',
  },
  {
    id: 'collapse',
    combo: 'Alt+C',
    description: 'Collapse or expand the selected nodes',
    section: 'Edit',
  },
  { id: 'rename', combo: 'F2', description: 'Rename the selected node’s id', section: 'Edit' },
  { id: 'save', combo: 'Mod+S', description: 'Save', section: 'File', inFields: true },
  { id: 'saveAs', combo: 'Mod+Shift+S', description: 'Save as…', section: 'File', inFields: true },
  { id: 'open', combo: 'Mod+O', description: 'Open…', section: 'File' },
  { id: 'new', combo: 'Alt+N', description: 'New graph', section: 'File' },
  { id: 'help', combo: '?', description: 'Show these shortcuts', section: 'Help' },
];

/** Shown in the help overlay; handled by the browser's clipboard events, not this table. */
export const CLIPBOARD_SHORTCUTS = [
  { combo: 'Mod+C', description: 'Copy the selection as graph JSON' },
  { combo: 'Mod+X', description: 'Cut the selection' },
  { combo: 'Mod+V', description: 'Paste nodes (from Weft or a .weft.json text)' },
];

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matches(combo: string, event: KeyLike): boolean {
  const parts = combo.split('+');
  const key = parts.at(-1)!;
  const mod = parts.includes('Mod');
  const shift = parts.includes('Shift');
  const alt = parts.includes('Alt');
  if ((event.ctrlKey || event.metaKey) !== mod || event.altKey !== alt) return false;
  // "?" is Shift+/ on most layouts: its own character decides.
  if (key === '?') return event.key === '?';
  if (event.shiftKey !== shift) return false;
  if (/^[A-Z]$/.test(key)) return event.code === `Key${key}`;
  return event.key === key;
}

export function findShortcut(event: KeyLike, inField: boolean): ShortcutId | undefined {
  return SHORTCUTS.find(
    (shortcut) => (!inField || shortcut.inFields) && matches(shortcut.combo, event),
  )?.id;
}

/** "Mod+Shift+Z" as this platform writes it. */
export function displayCombo(combo: string, mac: boolean): string {
  return combo
    .split('+')
    .map((part) => (part === 'Mod' ? (mac ? '⌘' : 'Ctrl') : part === 'Alt' && mac ? '⌥' : part))
    .join(mac ? '' : '+');
}
