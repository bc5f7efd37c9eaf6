import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  captureWindow,
  DEFAULT_SIZE,
  loadWindowState,
  restoreWindow,
  saveWindowState,
} from './windowState.ts';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(restoreWindow(undefined, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
    expect(restoreWindow(undefined, [{ x: 0, y: 0, width: 1280, height: 720 }]).bounds).toEqual({
      width: 1280,
      height: 720,
    });
  });

  it('puts the window back where it was on a display that is still there', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(restoreWindow(saved, [laptop, rightMonitor])).toEqual({
      bounds: { x: 2000, y: 100, width: 1600, height: 1000 },
      maximized: true,
    });
  });

  it('centres a window whose display was unplugged, keeping a size that fits', () => {
    const saved = { x: 2000, y: 100, width: 2400, height: 1300, maximized: false };
    expect(restoreWindow(saved, [laptop])).toEqual({
      bounds: { width: 1920, height: 1050 },
      maximized: false,
    });
  });

  it('does not trust a title bar that is almost off screen', () => {
    const saved = { x: 1850, y: 100, width: 800, height: 600, maximized: false };
    expect(restoreWindow(saved, [laptop]).bounds.x).toBeUndefined();
  });

  it('round-trips through its file and ignores a damaged one', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'weft-window-'));
    try {
      const file = join(folder, 'window-state.json');
      const state = captureWindow({
        getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 1000, height: 700 }),
        isMaximized: () => false,
      });
      expect(state).toEqual({ x: 10, y: 21, width: 1000, height: 700, maximized: false });
      await saveWindowState(file, state);
      expect(await loadWindowState(file)).toEqual(state);
      await writeFile(file, '{"x": "left"}');
      expect(await loadWindowState(file)).toBeUndefined();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
