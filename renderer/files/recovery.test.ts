import { describe, expect, it } from 'vitest';
import { createAutosave, recoveryKey, shouldOfferRecovery } from './recovery.ts';

describe('recovery', () => {
  it('keys by path, untitled otherwise', () => {
    expect(recoveryKey('graphs/a.weft.json')).toBe('graphs/a.weft.json');
    expect(recoveryKey(undefined)).toBe('untitled');
  });

  it('offers a copy that differs from the file and is newer than it', () => {
    const copy = { text: 'B', savedAt: 2000 };
    expect(shouldOfferRecovery(copy, { text: 'A', modified: 1000 })).toBe(true);
    expect(shouldOfferRecovery(copy, { text: 'A', modified: 3000 })).toBe(false);
    expect(shouldOfferRecovery(copy, { text: 'B', modified: 1000 })).toBe(false);
    expect(shouldOfferRecovery(copy, undefined)).toBe(true);
    expect(shouldOfferRecovery({}, undefined)).toBe(false);
  });

  it('writes once after a quiet time and keeps a failed write for the next flush', async () => {
    const timers: (() => void)[] = [];
    const written: string[] = [];
    let online = false;
    const autosave = createAutosave({
      write: async (key, text) => {
        if (!online) throw new Error('offline');
        written.push(`${key}=${text}`);
      },
      schedule: (callback) => {
        timers.push(callback);
        return () => timers.splice(timers.indexOf(callback), 1);
      },
    });
    autosave.changed('k', () => 'one');
    autosave.changed('k', () => 'two');
    expect(timers).toHaveLength(1);
    await autosave.flush();
    expect(written).toEqual([]);
    expect(autosave.pending).toBe(true);
    online = true;
    await autosave.flush();
    expect(written).toEqual(['k=two']);
    expect(autosave.pending).toBe(false);
    autosave.changed('k', () => 'three');
    autosave.discard();
    await autosave.flush();
    expect(written).toEqual(['k=two']);
  });
});
