import { describe, expect, it } from 'vitest';
import { createWindowOptions, MIN_HEIGHT, MIN_WIDTH } from './windowOptions.ts';

const options = createWindowOptions({
  preloadPath: '/app/dist/electron/preload.cjs',
  bounds: { x: 10, y: 20, width: 1200, height: 800 },
  iconPath: '/app/icon.png',
  devTools: false,
});
const web = options.webPreferences ?? {};

describe('the editor window options (the security checklist)', () => {
  it('isolates the page from the preload', () => {
    expect(web.contextIsolation).toBe(true);
  });
  it('sandboxes the renderer', () => {
    expect(web.sandbox).toBe(true);
  });
  it('gives the page, its workers and subframes no Node', () => {
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps web security on and insecure content off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
  });
  it('allows no <webview> (no remote content in the app)', () => {
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });
  it('loads the built preload and nothing else', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
    expect(web.additionalArguments).toBeUndefined();
  });
  it('turns developer tools on only when asked', () => {
    expect(web.devTools).toBe(false);
    const developer = createWindowOptions({ preloadPath: 'p', bounds: {}, devTools: true });
    expect(developer.webPreferences?.devTools).toBe(true);
  });
  it('uses the remembered bounds, a minimum size, and shows only once painted', () => {
    expect(options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, show: false });
    expect(options.minWidth).toBe(MIN_WIDTH);
    expect(options.minHeight).toBe(MIN_HEIGHT);
    expect(options.icon).toBe('/app/icon.png');
  });
});
