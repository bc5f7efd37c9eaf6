/**
 * Where the shell finds its files. The main bundle is dist/electron/main.cjs
 * both from source and inside the packaged app (app.asar), so everything is
 * found relative to it: the repository root (or app.asar) is two folders up.
 */
import { join, resolve } from 'node:path';

export interface AppLayout {
  root: string;
  renderer: string;
  preload: string;
  engineEntry: string;
  examples: string;
  icon: string;
}

export function appLayout(mainBundleFolder: string): AppLayout {
  const root = resolve(mainBundleFolder, '..', '..');
  return {
    root,
    renderer: join(root, 'dist', 'renderer'),
    preload: join(mainBundleFolder, 'preload.cjs'),
    engineEntry: join(root, 'electron', 'utility', 'engineEntry.cjs'),
    examples: join(root, 'graphs'),
    icon: join(root, 'resources', 'icons', 'png', '512x512.png'),
  };
}
