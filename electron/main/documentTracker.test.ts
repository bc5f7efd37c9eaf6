import { describe, expect, it } from 'vitest';
import {
  confirmUnsaved,
  DocumentTracker,
  windowTitle,
  type UnsavedChoice,
} from './documentTracker.ts';

function guard(choice: UnsavedChoice, tracker: DocumentTracker, onSave = (): void => {}) {
  const asked: string[] = [];
  const result = confirmUnsaved({
    tracker,
    ask: async (title) => {
      asked.push(title);
      return choice;
    },
    requestSave: onSave,
    saveTimeoutMs: 200,
  });
  return { asked, result };
}

describe('the unsaved-changes prompt', () => {
  it('does not ask when nothing is unsaved', async () => {
    const tracker = new DocumentTracker();
    tracker.update({ title: 'Poster', dirty: false });
    const { asked, result } = guard('cancel', tracker);
    expect(await result).toBe(true);
    expect(asked).toEqual([]);
  });

  it('keeps the graph open on Cancel and lets it go on Don’t Save', async () => {
    const tracker = new DocumentTracker();
    tracker.update({ title: 'Poster', dirty: true });
    const cancel = guard('cancel', tracker);
    expect(await cancel.result).toBe(false);
    expect(cancel.asked).toEqual(['Poster']);
    expect(await guard('discard', tracker).result).toBe(true);
  });

  it('on Save, asks the editor to save and waits until it reports the graph saved', async () => {
    const tracker = new DocumentTracker();
    tracker.update({ title: 'Poster', dirty: true });
    const { result } = guard('save', tracker, () => {
      setTimeout(
        () => tracker.update({ title: 'Poster', dirty: false, path: 'poster.weft.json' }),
        20,
      );
    });
    expect(await result).toBe(true);
  });

  it('keeps the graph open when the save never completes (a cancelled save-as)', async () => {
    const tracker = new DocumentTracker();
    tracker.update({ title: 'Untitled', dirty: true });
    let saveRequests = 0;
    const { result } = guard('save', tracker, () => (saveRequests += 1));
    expect(await result).toBe(false);
    expect(saveRequests).toBe(1);
  });

  it('marks unsaved changes in the title', () => {
    expect(windowTitle({ title: 'Poster', dirty: true }, 'Weft')).toBe('• Poster — Weft');
    expect(windowTitle({ title: '', dirty: false, path: 'a.weft.json' }, 'Weft')).toBe(
      'a.weft.json — Weft',
    );
    expect(windowTitle({ title: '', dirty: false }, 'Weft')).toBe('Untitled — Weft');
  });
});
