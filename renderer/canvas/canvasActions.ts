/**
 * Editing commands shared by the keyboard, the menus and the canvas: they
 * read the selection from the graph store and canvas positions from the
 * viewport, and leave every change to the store (so each is one undo step).
 */
import type { GraphGroup } from '../../engine/common/graph/schema.ts';
import { copyText, parsePastedText } from '../graph/clipboard.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { notify } from '../state/toastStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { pointerOrCentre, toFlow } from './viewport.ts';

/** The selection as graph JSON text, or undefined when nothing is selected. */
export function selectionText(): string | undefined {
  const { graph, selection, selectedGroups } = useGraphStore.getState();
  if (selection.length === 0 && selectedGroups.length === 0) return undefined;
  return copyText(graph, selection, selectedGroups);
}

/** Pastes graph text at the pointer; says so when the text holds no nodes. */
export function pasteText(text: string): void {
  const parsed = parsePastedText(text);
  if (!parsed.ok) {
    notify('warning', parsed.message);
    return;
  }
  useGraphStore.getState().paste(parsed.fragment, toFlow(pointerOrCentre()));
  if (parsed.notes.length > 0)
    notify(
      'info',
      'The pasted nodes were upgraded to the current format.',
      parsed.notes.join('\n'),
    );
}

/** For menus (keyboard copy/paste use the clipboard events instead). */
export async function copySelectionToClipboard(cut = false): Promise<void> {
  const text = selectionText();
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
    if (cut) useGraphStore.getState().removeSelection();
  } catch {
    notify('error', 'The browser did not allow writing to the clipboard; use Ctrl+C instead.');
  }
}

export async function pasteFromClipboard(): Promise<void> {
  try {
    pasteText(await navigator.clipboard.readText());
  } catch {
    notify('error', 'The browser did not allow reading the clipboard; use Ctrl+V instead.');
  }
}

export function openPaletteAtPointer(): void {
  const screen = pointerOrCentre();
  useUiStore.getState().openPalette({ screen, flow: toFlow(screen) });
}

const GROUP_PADDING = 24;
const GROUP_TITLE_SPACE = 36;

/** A group box around the selected nodes (or an empty one at the pointer). */
export function groupSelection(): void {
  const { graph, selection, addGroup } = useGraphStore.getState();
  const measured = useUiStore.getState().measured;
  const boxes = selection
    .map((id) => {
      const ui = graph.nodes[id]?.ui;
      const size = measured[id] ?? { width: 240, height: 120 };
      return ui
        ? { x: ui.x, y: ui.y, right: ui.x + size.width, bottom: ui.y + size.height }
        : undefined;
    })
    .filter((box) => box !== undefined);
  let group: GraphGroup;
  if (boxes.length === 0) {
    const at = toFlow(pointerOrCentre());
    group = { title: 'Group', x: Math.round(at.x), y: Math.round(at.y), width: 400, height: 300 };
  } else {
    const x = Math.min(...boxes.map((box) => box.x)) - GROUP_PADDING;
    const y = Math.min(...boxes.map((box) => box.y)) - GROUP_PADDING - GROUP_TITLE_SPACE;
    const right = Math.max(...boxes.map((box) => box.right)) + GROUP_PADDING;
    const bottom = Math.max(...boxes.map((box) => box.bottom)) + GROUP_PADDING;
    group = {
      title: 'Group',
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(right - x),
      height: Math.round(bottom - y),
    };
  }
  addGroup(group);
}

export function renameSelected(): void {
  const [first] = useGraphStore.getState().selection;
  if (first !== undefined) useUiStore.getState().setRenaming(first);
}
