/**
 * Short messages for the artist (a refused connection, a file that could not
 * be opened, an upgraded graph). Errors stay until dismissed; the rest fade.
 */
import { create } from 'zustand';

export type ToastKind = 'info' | 'warning' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** Longer text behind a "details" expander (every issue of an invalid file, say). */
  details?: string;
}

interface ToastState {
  toasts: Toast[];
  push: (kind: ToastKind, message: string, details?: string) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;
const LIFETIME_MS: Record<ToastKind, number | undefined> = {
  info: 4000,
  warning: 8000,
  error: undefined,
};

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  push(kind, message, details) {
    // The same message twice in a row (a key held down) shows once.
    const last = get().toasts.at(-1);
    if (last && last.message === message && last.kind === kind) return last.id;
    const id = nextId++;
    const toast: Toast =
      details === undefined ? { id, kind, message } : { id, kind, message, details };
    set({ toasts: [...get().toasts.slice(-4), toast] });
    const lifetime = LIFETIME_MS[kind];
    if (lifetime !== undefined) setTimeout(() => get().dismiss(id), lifetime);
    return id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));

export function notify(kind: ToastKind, message: string, details?: string): void {
  useToastStore.getState().push(kind, message, details);
}
