/**
 * The editor window's options: the security checklist lives here, in one
 * pure function, so a test can assert every flag.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export interface WindowOptionsInput {
  /** The built preload (dist/electron/preload.cjs). */
  preloadPath: string;
  bounds: Partial<Rectangle>;
  /** Icon for Linux and Windows (macOS takes it from the bundle). */
  iconPath?: string;
  /** Developer tools: on when running from source, off in packaged builds. */
  devTools: boolean;
}

export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Weft',
    backgroundColor: '#16181d',
    // Shown once the editor has painted, so the window never flashes white.
    show: false,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      // The page and the preload live in separate JavaScript worlds.
      contextIsolation: true,
      // The renderer is a Chromium sandbox: no Node, no file system.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: input.devTools,
    },
  };
}
