/**
 * Crash recovery: while a document has unsaved changes, its graph text is
 * written to the host's recovery store under a key (its workspace path, or
 * "untitled"); saving clears it. On start, a recovery copy is offered when
 * it differs from the file and is newer than it.
 */
export const UNTITLED_KEY = 'untitled';

export function recoveryKey(filePath: string | undefined): string {
  return filePath ?? UNTITLED_KEY;
}

export interface RecoveryCopy {
  text?: string;
  /** Milliseconds since the epoch. */
  savedAt?: number;
}

export interface FileState {
  text: string;
  /** Milliseconds since the epoch, when known. */
  modified?: number;
}

/** Whether to ask "restore unsaved changes?" for this copy and the file as it is now. */
export function shouldOfferRecovery(copy: RecoveryCopy, file: FileState | undefined): boolean {
  if (copy.text === undefined || copy.text.trim() === '') return false;
  if (!file) return true;
  if (copy.text === file.text) return false;
  if (file.modified !== undefined && copy.savedAt !== undefined && file.modified >= copy.savedAt) {
    return false;
  }
  return true;
}

export interface AutosaveOptions {
  /** Writes the copy; rejects while the host is unreachable (the copy is retried). */
  write(key: string, text: string): Promise<void>;
  /** Calls `callback` after `ms`; returns a cancel. */
  schedule(callback: () => void, ms: number): () => void;
  /** Quiet time after the last change before writing. */
  delayMs?: number;
}

/**
 * Debounced recovery writes: `changed` after every edit, `flush` to write now
 * (on reconnect, before unload). A failed write stays pending until the next
 * change or flush, so nothing typed while offline is lost once it returns.
 */
export function createAutosave(options: AutosaveOptions) {
  const delayMs = options.delayMs ?? 1500;
  let pending: { key: string; text: () => string } | undefined;
  let cancel: (() => void) | undefined;
  let writing: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    cancel?.();
    cancel = undefined;
    await writing;
    const job = pending;
    if (!job) return;
    pending = undefined;
    writing = options.write(job.key, job.text()).catch(() => {
      pending ??= job;
    });
    await writing;
    writing = undefined;
  };

  return {
    /** The document changed; `text` is read only when the write happens. */
    changed(key: string, text: () => string): void {
      pending = { key, text };
      cancel?.();
      cancel = options.schedule(() => void flush(), delayMs);
    },
    /** Drops a pending write (the document was saved or discarded). */
    discard(): void {
      pending = undefined;
      cancel?.();
      cancel = undefined;
    },
    flush,
    get pending(): boolean {
      return pending !== undefined;
    },
  };
}
