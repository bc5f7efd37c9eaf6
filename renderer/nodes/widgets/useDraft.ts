/**
 * A field's own copy of its value while the artist types. React Flow hands
 * new node data to nodes one render later than the keystroke, and a
 * controlled input fed only by it would jump its caret; the draft follows
 * the saved value whenever that changes from outside (undo, a wire, a paste).
 */
import { useState } from 'react';

export function useDraft<T>(value: T): [T, (next: T) => void] {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    setSeen(value);
    setDraft(value);
  }
  return [draft, setDraft];
}
