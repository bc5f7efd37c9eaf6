/**
 * What the editor last said about its graph (title, path, unsaved changes),
 * and the unsaved-changes question asked before the window closes or another
 * graph replaces this one.
 */
import type { DocumentState } from '../common/bridge.ts';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export class DocumentTracker {
  #state: DocumentState = { title: '', dirty: false };
  #waiters = new Set<() => void>();

  get state(): DocumentState {
    return this.#state;
  }

  update(state: DocumentState): void {
    this.#state = state;
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** A new page: whatever the old one said no longer holds. */
  reset(): void {
    this.update({ title: '', dirty: false });
  }

  /** Resolves true once the editor reports no unsaved changes, false after timeoutMs. */
  waitUntilSaved(timeoutMs: number): Promise<boolean> {
    if (!this.#state.dirty) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (saved: boolean): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(saved);
      };
      const check = (): void => {
        if (!this.#state.dirty) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#waiters.add(check);
    });
  }
}

export interface UnsavedGuardOptions {
  tracker: DocumentTracker;
  /** Shows the Save / Don't Save / Cancel question. */
  ask(title: string): Promise<UnsavedChoice>;
  /** Asks the editor to save (its own save, or save-as for a new graph). */
  requestSave(): void;
  /** How long to wait for the editor to report it saved (a save-as dialog may be open). */
  saveTimeoutMs?: number;
}

/** true when it is fine to drop the current graph (nothing unsaved, saved, or discarded). */
export async function confirmUnsaved(options: UnsavedGuardOptions): Promise<boolean> {
  const { tracker } = options;
  if (!tracker.state.dirty) return true;
  const choice = await options.ask(tracker.state.title || 'Untitled');
  if (choice === 'cancel') return false;
  if (choice === 'discard') return true;
  options.requestSave();
  return tracker.waitUntilSaved(options.saveTimeoutMs ?? 120_000);
}

export function windowTitle(state: DocumentState, appName: string): string {
  const name = state.title || state.path || 'Untitled';
  return `${state.dirty ? '• ' : ''}${name} — ${appName}`;
}
