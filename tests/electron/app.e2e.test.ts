/**
 * The desktop app end to end, driven by Playwright's Electron support: it
 * opens on the toy text-to-image example, the page has no Node and exactly
 * the bridge it should, the graph runs in the engine's utility process, is
 * saved under a new name, and opens again from the command line (as the OS
 * does for a double-clicked .weft.json).
 *
 * It needs Electron's binary (`node node_modules/electron/install.js`, a
 * download) and, on Linux, a display (xvfb-run works). Where either is
 * missing it is skipped and says so, as on the machines that build Weft now;
 * WEFT_REQUIRE_ELECTRON=1 turns the skip into a failure.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_KEYS } from '../../electron/common/bridge.ts';
import { rendererBuilt } from '../e2e/support/rendererBuilt.ts';
import { buildElectron, type ElectronBundles } from '../../scripts/buildElectron.ts';
import { findElectronBinary, hasDisplay } from '../../scripts/startDesktop.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

function electronUnavailable(): string | undefined {
  const binary = findElectronBinary();
  const reason = !binary
    ? 'no Electron binary in node_modules/electron/dist (its download is denied here; run `node node_modules/electron/install.js` where the network allows)'
    : !hasDisplay(process.env, process.platform)
      ? 'no display to open a window on (run the tests under xvfb-run)'
      : undefined;
  if (!reason) return undefined;
  if (process.env.WEFT_REQUIRE_ELECTRON) throw new Error(`The desktop app test needs ${reason}.`);
  console.warn(`Skipping the desktop app end-to-end test: ${reason}.`);
  return reason;
}

const unavailable = electronUnavailable();

describe.skipIf(unavailable !== undefined)('the desktop app', () => {
  let home: string;
  let bundles: ElectronBundles;
  const apps: ElectronApplication[] = [];

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'weft-desktop-'));
    await rendererBuilt();
    bundles = await buildElectron();
  }, 300_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close().catch(() => {})));
    await rm(home, { recursive: true, force: true });
  });

  async function launch(args: string[] = []): Promise<{ app: ElectronApplication; page: Page }> {
    const app = await _electron.launch({
      executablePath: findElectronBinary()!,
      args: [bundles.main, ...args],
      cwd: ROOT,
      env: { ...process.env, WEFT_HOME: home, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    apps.push(app);
    const page = await app.firstWindow();
    await page
      .locator('[data-testid="connection-state"][data-state="open"]')
      .waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="node"]').first().waitFor({ timeout: 60_000 });
    return { app, page };
  }

  it('opens the example, runs it, saves it and opens it again', async () => {
    const workspace = join(home, 'workspace');
    const example = JSON.parse(
      await readFile(join(ROOT, 'graphs', 'txt2img.weft.json'), 'utf8'),
    ) as {
      nodes: Record<string, unknown>;
    };
    const { app, page } = await launch();

    // The page is a sandboxed web page with exactly the bridge.
    expect(page.url()).toBe('weft://app/index.html?graph=txt2img.weft.json');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    );
    expect(
      await page.evaluate(() =>
        Object.keys((globalThis as unknown as { weft: object }).weft).sort(),
      ),
    ).toEqual([...BRIDGE_KEYS].sort());
    expect(await page.locator('[data-testid="node"]').count()).toBe(
      Object.keys(example.nodes).length,
    );

    // Run: the engine (in its utility process) writes the image into the workspace.
    await page.locator('[data-testid="run-button"]').click();
    await page
      .locator('[data-testid="run-status"][data-status="done"]')
      .waitFor({ timeout: 180_000 });
    const outputs = (await readdir(join(workspace, 'outputs'), { recursive: true })).filter(
      (name) => name.endsWith('.png'),
    );
    expect(outputs.length).toBeGreaterThan(0);
    await page.locator('img[src^="weft://workspace/"]').first().waitFor({ timeout: 30_000 });

    // Save under a new name.
    await page.locator('[data-testid="file-save-as"]').click();
    await page.locator('[data-testid="save-as-path"]').fill('my-txt2img.weft.json');
    await page.locator('[data-testid="save-as-confirm"]').click();
    await page
      .locator('[data-testid="document-title"][data-dirty="false"]', { hasText: 'my-txt2img' })
      .waitFor({ timeout: 30_000 });
    const saved = JSON.parse(await readFile(join(workspace, 'my-txt2img.weft.json'), 'utf8')) as {
      nodes: Record<string, unknown>;
    };
    expect(Object.keys(saved.nodes).sort()).toEqual(Object.keys(example.nodes).sort());
    await app.close();

    // Open it again the way the OS does: the file on the command line.
    const again = await launch([join(workspace, 'my-txt2img.weft.json')]);
    expect(again.page.url()).toBe('weft://app/index.html?graph=my-txt2img.weft.json');
    await again.page.locator('[data-testid="document-title"]', { hasText: 'my-txt2img' }).waitFor();
    expect(await again.page.locator('[data-testid="node"]').count()).toBe(
      Object.keys(saved.nodes).length,
    );
    const recent = JSON.parse(
      await readFile(join(home, 'desktop', 'recent-files.json'), 'utf8'),
    ) as {
      files: string[];
    };
    expect(recent.files[0]).toBe(join(workspace, 'my-txt2img.weft.json'));
    await again.app.close();
  }, 600_000);
});

it.runIf(unavailable !== undefined)('says why the desktop app test was skipped', () => {
  expect(unavailable).toMatch(/^no /);
});
