/**
 * Remembers the editor window's size, position and maximized state. A saved
 * position is used only when the window would still be reachable on one of
 * today's displays (a monitor may have been unplugged); otherwise the OS
 * centres it.
 */
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_SIZE = { width: 1440, height: 900 };
/** How much of the title bar must be on a display for the saved position to count. */
const REACHABLE = { width: 120, height: 32 };

export interface RestoredWindow {
  /** x and y only when the saved position is reachable. */
  bounds: Partial<Rect> & { width: number; height: number };
  maximized: boolean;
}

export function restoreWindow(
  saved: WindowState | undefined,
  workAreas: readonly Rect[],
): RestoredWindow {
  const largest = workAreas.reduce<Rect | undefined>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    undefined,
  );
  const fit = (width: number, height: number): { width: number; height: number } => ({
    width: largest ? Math.min(width, largest.width) : width,
    height: largest ? Math.min(height, largest.height) : height,
  });
  if (!saved) return { bounds: fit(DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };

  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: REACHABLE.height };
  const host = workAreas.find((area) => {
    const overlap = intersect(titleBar, area);
    return overlap !== undefined && overlap.width >= Math.min(REACHABLE.width, saved.width);
  });
  if (!host) return { bounds: fit(saved.width, saved.height), maximized: saved.maximized };
  return {
    bounds: {
      x: saved.x,
      y: saved.y,
      width: Math.min(saved.width, host.width),
      height: Math.min(saved.height, host.height),
    },
    maximized: saved.maximized,
  };
}

function intersect(a: Rect, b: Rect): Rect | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

/** What main reads from a BrowserWindow to remember it. */
export interface WindowLike {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

export function captureWindow(window: WindowLike): WindowState {
  const bounds = window.getNormalBounds();
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized: window.isMaximized(),
  };
}

export function loadWindowState(file: string): Promise<WindowState | undefined> {
  return readJsonFile<WindowState | undefined>(file, windowStateSchema, undefined);
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeJsonFile(file, state);
}
