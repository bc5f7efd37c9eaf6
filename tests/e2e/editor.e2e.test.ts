/**
 * The editor end to end (issue #5): Debian's Chromium, driven by
 * playwright-core, against a real `weft serve` that the suite starts on a
 * temp workspace. Each test drives the editor only as an artist does
 * (palette, wires dragged between handles, keys, buttons, a dropped file)
 * and asserts what the artist sees; the stores on `window.__weft` are read
 * where an exact state is the point (undo, save/open, a dropped PNG).
 * Screenshots of the main states go to tests/artifacts/editor/.
 *
 * One server and one browser serve the whole file (each test gets its own
 * browser context); the reconnect test starts its own server so it can stop
 * it. The editor is built once first (rendererBuilt) and the servers run
 * with --no-build.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serializeGraph } from '../../engine/common/graph/write.ts';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchChromium } from './support/browser.ts';
import {
  addNodeByKeyboard,
  addNodeFromPalette,
  ARTIFACTS,
  dragWire,
  dropFile,
  loadedImage,
  nodeLocator,
  nodeStatuses,
  openEditor,
  readDocument,
  readGraph,
  runAndWait,
  screenshot,
  typeParam,
  waitUntilReady,
  type EditorSession,
} from './support/editor.ts';
import { rendererBuilt } from './support/rendererBuilt.ts';
import { startServe, type ServedEditor } from './support/serve.ts';

const REPO = new URL('../..', import.meta.url).pathname;
const unavailable = browserUnavailable();
/** Room for seven full-size nodes side by side at zoom 1. */
const WIDE = { width: 1920, height: 1080 };
/** The example graph, copied into the workspace. */
const EXAMPLE = 'graphs/txt2img.weft.json';

function title(page: Page) {
  return page.getByTestId('document-title');
}

describe.skipIf(unavailable !== undefined)('the editor in Chromium against weft serve', () => {
  let served: ServedEditor;
  let browser: Browser;
  let session: EditorSession | undefined;

  beforeAll(async () => {
    await rm(ARTIFACTS, { recursive: true, force: true });
    await rendererBuilt();
    [served, browser] = await Promise.all([startServe({ noBuild: true }), launchChromium()]);
    await mkdir(join(served.workspace, 'graphs'));
    await copyFile(
      join(REPO, 'graphs', 'txt2img.weft.json'),
      join(served.workspace, 'graphs', 'txt2img.weft.json'),
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  afterEach(async (context) => {
    if (session && context.task.result?.state === 'fail') {
      const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await screenshot(session.page, `failed-${name}`).catch(() => {});
    }
    await session?.close();
    session = undefined;
  });

  async function open(
    graph?: string,
    viewport?: { width: number; height: number },
  ): Promise<EditorSession> {
    session = await openEditor(browser, served, {
      ...(graph !== undefined ? { graph } : {}),
      ...(viewport ? { viewport } : {}),
    });
    return session;
  }

  it('builds txt2img on an empty canvas with the palette and wires, runs it, and shows the image', async () => {
    const { page, errors } = await open(undefined, WIDE);
    expect(await page.getByTestId('node').count()).toBe(0);

    // Left to right, each node double-clicked into an empty spot of the canvas.
    const add = (type: string, query: string, x: number, y: number) =>
      addNodeFromPalette(page, type, query, { x, y });
    const pipeline = await add('models/load-diffusion', 'diffusion pipeline', 20, 140);
    const positive = await add('diffusion/text-encode', 'text encode', 290, 50);
    const negative = await add('diffusion/text-encode', 'text encode', 290, 380);
    const latent = await add('diffusion/empty-latent', 'empty latent', 290, 700);
    const sampler = await add('diffusion/sampler', 'sampler', 580, 120);
    const decode = await add('diffusion/vae-decode', 'vae decode', 870, 120);
    // The last one with the keyboard alone: Tab at the pointer, type, Enter.
    const save = await addNodeByKeyboard(page, 'core/save-image', 'save image', {
      x: 1160,
      y: 120,
    });
    expect(await page.getByTestId('node').count()).toBe(7);
    await screenshot(page, 'build-1-nodes-added');

    const wires: [string, string, string, string][] = [
      [pipeline, 'model', positive, 'pipeline'],
      [pipeline, 'model', negative, 'pipeline'],
      [pipeline, 'model', sampler, 'pipeline'],
      [positive, 'conditioning', sampler, 'positive'],
      [negative, 'conditioning', sampler, 'negative'],
      [latent, 'latent', sampler, 'latent'],
      [sampler, 'latent', decode, 'latent'],
      [pipeline, 'model', decode, 'pipeline'],
      [decode, 'image', save, 'image'],
    ];
    for (const [source, output, target, input] of wires) {
      await dragWire(page, { node: source, output }, { node: target, input });
    }
    const graph = await readGraph(page);
    const inputsOf = (id: string) => graph.nodes[id]?.inputs;
    expect(inputsOf(positive)).toEqual({ pipeline: `${pipeline}.model` });
    expect(inputsOf(negative)).toEqual({ pipeline: `${pipeline}.model` });
    expect(inputsOf(sampler)).toEqual({
      pipeline: `${pipeline}.model`,
      positive: `${positive}.conditioning`,
      negative: `${negative}.conditioning`,
      latent: `${latent}.latent`,
    });
    expect(inputsOf(decode)).toEqual({
      pipeline: `${pipeline}.model`,
      latent: `${sampler}.latent`,
    });
    expect(inputsOf(save)).toEqual({ image: `${decode}.image` });
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(wires.length);

    // The widgets: the toy model, what to draw, and the toy's 64×64 size.
    await nodeLocator(page, pipeline).getByTestId('param-model').selectOption('toy-sd');
    await typeParam(page, positive, 'prompt', 'a red circle');
    await typeParam(page, latent, 'width', '64');
    await typeParam(page, latent, 'height', '64');
    await expect.poll(() => page.getByTestId('run-issues-button').count()).toBe(0);
    await screenshot(page, 'build-2-wired');

    await runAndWait(page);
    expect(await nodeStatuses(page)).toEqual({
      [pipeline]: 'done',
      [positive]: 'done',
      [negative]: 'done',
      [latent]: 'done',
      [sampler]: 'done',
      [decode]: 'done',
      [save]: 'done',
    });
    const image = await loadedImage(page, save);
    expect(image.path).toMatch(/\.png$/);
    expect([image.width, image.height]).toEqual([64, 64]);
    // The toy pipeline draws "a red circle" as a red disc: red at the centre.
    const [red, green, blue] = image.centre;
    expect(red).toBeGreaterThan(150);
    expect(green).toBeLessThan(100);
    expect(blue).toBeLessThan(100);
    await screenshot(page, 'build-3-ran');
    expect(errors).toEqual([]);
  }, 120_000);

  it('re-runs only what a changed seed affects: the upstream nodes show cached', async () => {
    const { page, errors } = await open(EXAMPLE);
    await runAndWait(page);
    const first = await loadedImage(page, 'save');

    await typeParam(page, 'sampler', 'seed', '7');
    expect((await readGraph(page)).nodes.sampler?.params?.seed).toBe(7);
    await runAndWait(page);
    expect(await nodeStatuses(page)).toEqual({
      pipeline: 'cached',
      positive: 'cached',
      negative: 'cached',
      latent: 'cached',
      sampler: 'done',
      decode: 'done',
      save: 'done',
    });
    for (const id of ['pipeline', 'positive', 'negative', 'latent']) {
      await expect
        .poll(() => nodeLocator(page, id).getByTestId('node-status').textContent())
        .toBe('cached');
    }
    const second = await loadedImage(page, 'save');
    expect(second.path).not.toBe(first.path);
    expect(second.width).toBe(64);
    await screenshot(page, 'rerun-cached');
    expect(errors).toEqual([]);
  }, 90_000);

  it('refuses a wire between incompatible types and says why', async () => {
    const { page, errors } = await open(EXAMPLE);
    const before = await readDocument(page);
    const edges = await page.locator('.react-flow__edge').count();

    // An image into the sampler's latent input (a picture of the drag just before letting go).
    await dragWire(
      page,
      { node: 'decode', output: 'image' },
      { node: 'sampler', input: 'latent' },
      () => screenshot(page, 'wire-refused-1-dragging'),
    );
    const toast = page.locator('[data-testid="toast"][data-kind="warning"]');
    await expect.poll(() => toast.textContent()).toContain('IMAGE cannot connect to LATENT');
    await screenshot(page, 'wire-refused-2-told-why');
    const after = await readDocument(page);
    expect(after.graph).toEqual(before.graph);
    expect(after.past).toBe(before.past);
    expect(await page.locator('.react-flow__edge').count()).toBe(edges);
    expect(errors).toEqual([]);
  }, 60_000);

  it('undo and redo step through several kinds of edit, restoring each exact state', async () => {
    const { page, errors } = await open(EXAMPLE);
    const initial = await readDocument(page);
    const states: GraphFile[] = [initial.graph];
    const record = async () => states.push(await readGraph(page));

    // 1: a node from the palette, below the graph.
    const canvas = await page.getByTestId('canvas').boundingBox();
    const preview = await addNodeFromPalette(page, 'core/preview-image', 'preview image', {
      x: (canvas?.x ?? 0) + (canvas?.width ?? 1200) * 0.7,
      y: (canvas?.y ?? 0) + (canvas?.height ?? 900) - 220,
    });
    await record();
    // 2: a wire to it.
    await dragWire(page, { node: 'decode', output: 'image' }, { node: preview, input: 'image' });
    await record();
    // 3 and 4: a number and a prompt typed into widgets.
    await typeParam(page, 'sampler', 'seed', '42');
    await record();
    await typeParam(page, 'positive', 'prompt', 'a blue square');
    await record();
    // 5: a node dragged by its header.
    const header = nodeLocator(page, 'latent').locator('.weft-node-header');
    const box = await header.boundingBox();
    if (!box) throw new Error('The latent node has no header on screen.');
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 80, box.y + box.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    await record();
    // 6: the new node selected and deleted with the Delete key.
    await nodeLocator(page, preview).locator('.weft-node-header').click();
    await page.keyboard.press('Delete');
    await record();

    // Every step changed the graph, and each is one undo step.
    for (let index = 1; index < states.length; index++) {
      expect(states[index], `step ${index}`).not.toEqual(states[index - 1]);
    }
    expect(states[1]!.nodes[preview]).toBeDefined();
    expect(states[2]!.nodes[preview]?.inputs).toEqual({ image: 'decode.image' });
    expect(states[3]!.nodes.sampler?.params?.seed).toBe(42);
    expect(states[4]!.nodes.positive?.params?.prompt).toBe('a blue square');
    expect(states[5]!.nodes.latent?.ui).not.toEqual(states[4]!.nodes.latent?.ui);
    expect(states[6]!.nodes[preview]).toBeUndefined();
    const last = states.length - 1;

    // Undo all the way back: keys and the toolbar button in turn.
    for (let index = last - 1; index >= 0; index--) {
      if (index % 2 === 0) await page.keyboard.press('Control+z');
      else await page.getByTestId('undo').click();
      expect(await readGraph(page), `undone to state ${index}`).toEqual(states[index]);
    }
    await expect.poll(() => page.getByTestId('node').count()).toBe(7);
    await expect
      .poll(() => nodeLocator(page, 'positive').getByTestId('param-prompt').inputValue())
      .toBe('a red circle');
    // Back where it opened: the opened file, unchanged, with the history it had.
    const undone = await readDocument(page);
    expect(undone.past).toBe(initial.past);
    expect(undone.dirty).toBe(false);
    expect(await title(page).getAttribute('data-dirty')).toBe('false');
    await screenshot(page, 'undo-all');

    // And forward again.
    for (let index = 1; index <= last; index++) {
      if (index % 2 === 0) await page.keyboard.press('Control+Shift+z');
      else await page.getByTestId('redo').click();
      expect(await readGraph(page), `redone to state ${index}`).toEqual(states[index]);
    }
    await expect
      .poll(() => nodeLocator(page, 'positive').getByTestId('param-prompt').inputValue())
      .toBe('a blue square');
    expect(await nodeLocator(page, 'sampler').getByTestId('param-seed').inputValue()).toBe('42');
    expect(await page.getByTestId('redo').isDisabled()).toBe(true);
    await screenshot(page, 'redo-all');
    expect(errors).toEqual([]);
  }, 90_000);

  it('saves, and after a page reload opens the identical graph', async () => {
    const { page, errors } = await open(EXAMPLE);
    await typeParam(page, 'sampler', 'seed', '1234');
    await typeParam(page, 'negative', 'prompt', 'blurry');
    await expect.poll(() => title(page).getAttribute('data-dirty')).toBe('true');

    await page.getByTestId('file-save-as').click();
    await page.getByTestId('save-as-path').fill('graphs/my-picture');
    await page.getByTestId('save-as-confirm').click();
    const path = 'graphs/my-picture.weft.json';
    await page
      .locator('[data-testid="toast"][data-kind="info"]')
      .filter({ hasText: `Saved ${path}` })
      .waitFor();
    await expect.poll(() => title(page).getAttribute('data-dirty')).toBe('false');
    expect(await title(page).textContent()).toBe('my-picture.weft.json');
    const saved = await readDocument(page);
    expect(saved.filePath).toBe(path);
    // The file holds exactly the document, written by the deterministic writer.
    expect(await readFile(join(served.workspace, path), 'utf8')).toBe(serializeGraph(saved.graph));

    await page.reload();
    await waitUntilReady(page);
    await page.getByTestId('node').first().waitFor();
    await page.getByTestId('file-open').click();
    const dialog = page.getByTestId('open-dialog');
    // It opens in the open file's folder (graphs/, where the example is).
    await expect
      .poll(() => dialog.locator('.weft-file-path').textContent())
      .toBe('Workspace / graphs');
    await dialog.locator(`[data-testid="file-entry"][data-path="${path}"]`).click();
    await expect.poll(async () => (await readDocument(page)).filePath).toBe(path);
    const opened = await readDocument(page);
    expect(opened.graph).toEqual(saved.graph);
    expect(opened.dirty).toBe(false);
    expect(await title(page).textContent()).toBe('my-picture.weft.json');
    expect(await nodeLocator(page, 'sampler').getByTestId('param-seed').inputValue()).toBe('1234');
    expect(await nodeLocator(page, 'negative').getByTestId('param-prompt').inputValue()).toBe(
      'blurry',
    );
    await screenshot(page, 'save-reload-open');
    expect(errors).toEqual([]);
  }, 90_000);

  it('a saved PNG dropped on the canvas brings its graph back', async () => {
    const { page, errors } = await open(EXAMPLE);
    await typeParam(page, 'sampler', 'seed', '31337');
    await typeParam(page, 'positive', 'prompt', 'a green square');
    const asRun = await readGraph(page);
    await runAndWait(page);
    const image = await loadedImage(page, 'save');

    // A new, empty document (dropping the unsaved edits).
    await page.getByTestId('file-new').click();
    await page.getByTestId('confirm-discard-discard').click();
    await expect.poll(() => page.getByTestId('node').count()).toBe(0);

    const bytes = await readFile(join(served.workspace, image.path));
    const canvas = await page.getByTestId('canvas').boundingBox();
    await dropFile(page, 'from-weft.png', bytes, {
      x: (canvas?.x ?? 0) + 300,
      y: (canvas?.y ?? 0) + 300,
    });
    await expect.poll(() => page.getByTestId('node').count()).toBe(7);
    const dropped = await readDocument(page);
    expect(dropped.graph.nodes).toEqual(asRun.nodes);
    // A new, unsaved document: saving asks for a name rather than writing over anything.
    expect(dropped.filePath).toBeUndefined();
    expect(await title(page).textContent()).toContain('Untitled');
    expect(await title(page).getAttribute('data-dirty')).toBe('true');
    expect(await nodeLocator(page, 'positive').getByTestId('param-prompt').inputValue()).toBe(
      'a green square',
    );
    expect(await nodeLocator(page, 'sampler').getByTestId('param-seed').inputValue()).toBe('31337');
    await screenshot(page, 'png-dropped');
    expect(errors).toEqual([]);
  }, 90_000);

  it('a node that fails shows its error on that node', async () => {
    const { page, errors } = await open(EXAMPLE);
    // The toy pipeline only knows 64×64 images: a 128-pixel latent fails in the sampler.
    await typeParam(page, 'latent', 'width', '128');
    await runAndWait(page, 'failed');
    const error = nodeLocator(page, 'sampler').getByTestId('node-error');
    await expect.poll(() => error.textContent()).toContain('Node "sampler" (Sampler)');
    expect(await error.textContent()).toContain('"sample"');
    expect(await page.getByTestId('node-error').count()).toBe(1);
    const statuses = await nodeStatuses(page);
    expect(statuses.sampler).toBe('error');
    expect(statuses.decode).toBe('skipped');
    expect(statuses.save).toBe('skipped');
    await screenshot(page, 'node-error');
    expect(errors).toEqual([]);
  }, 60_000);

  it('Stop cancels a running sampler', async () => {
    const { page, errors } = await open(EXAMPLE);
    // Long enough to stop: 150 Heun steps (two model calls each) on a batch of 64.
    await typeParam(page, 'latent', 'batch', '64');
    await typeParam(page, 'sampler', 'steps', '150');
    await nodeLocator(page, 'sampler').getByTestId('param-sampler').selectOption('heun');
    await page.getByTestId('run-button').click();
    await page
      .locator('[data-testid="node-progress"][data-node-id="sampler"]')
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'stop-1-running');
    await page.getByTestId('stop-button').click();
    await page
      .locator('[data-testid="run-status"][data-status="cancelled"]')
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Cancelled/);
    const statuses = await nodeStatuses(page);
    expect(statuses.sampler).not.toBe('done');
    expect(statuses.decode).not.toBe('done');
    expect(statuses.save).not.toBe('done');
    expect(await nodeLocator(page, 'sampler').getByTestId('node-status').textContent()).toBe(
      'cancelled',
    );
    expect(await page.getByTestId('node-output-image').count()).toBe(0);
    expect(await page.getByTestId('stop-button').isDisabled()).toBe(true);
    await screenshot(page, 'stop-2-cancelled');
    expect(errors).toEqual([]);
  }, 90_000);

  it('says when the engine is lost, reconnects by itself, and loses no edit', async () => {
    // A server of its own, so it can be stopped and started again on the same
    // port, token, workspace and home, as a restarted `weft serve` would be.
    const workspace = await mkdtemp(join(tmpdir(), 'weft-e2e-reconnect-ws-'));
    const home = await mkdtemp(join(tmpdir(), 'weft-e2e-reconnect-home-'));
    await mkdir(join(workspace, 'graphs'));
    await copyFile(join(REPO, 'graphs', 'txt2img.weft.json'), join(workspace, EXAMPLE));
    const token = randomBytes(24).toString('hex');
    let engine = await startServe({ workspace, home, token, noBuild: true });
    try {
      session = await openEditor(browser, engine, { graph: EXAMPLE });
      const { page, errors } = session;
      await typeParam(page, 'sampler', 'seed', '99');

      await engine.stop();
      const banner = page.getByTestId('connection-banner');
      await page
        .locator('[data-testid="connection-banner"][data-state="reconnecting"]')
        .waitFor({ timeout: 15_000 });
      expect(await banner.textContent()).toContain('Reconnecting… You can keep editing');
      expect(await page.getByTestId('connection-state').textContent()).toBe('Reconnecting');

      // Editing goes on while the engine is away.
      await typeParam(page, 'positive', 'prompt', 'a blue triangle');
      const canvas = await page.getByTestId('canvas').boundingBox();
      const note = await addNodeFromPalette(page, 'core/note', 'note', {
        x: (canvas?.x ?? 0) + (canvas?.width ?? 1200) * 0.7,
        y: (canvas?.y ?? 0) + (canvas?.height ?? 900) - 260,
      });
      await screenshot(page, 'reconnect-1-offline');
      const offline = await readDocument(page);
      expect(offline.graph.nodes.sampler?.params?.seed).toBe(99);
      expect(offline.graph.nodes.positive?.params?.prompt).toBe('a blue triangle');
      expect(offline.graph.nodes[note]?.type).toBe('core/note');

      engine = await startServe({
        workspace,
        home,
        token,
        port: Number(new URL(engine.url).port),
        noBuild: true,
      });
      await page
        .locator('[data-testid="connection-state"][data-state="open"]')
        .waitFor({ timeout: 30_000 });
      await banner.waitFor({ state: 'detached' });
      expect(await page.getByTestId('connection-state').textContent()).toBe('Connected');
      const back = await readDocument(page);
      expect(back.graph).toEqual(offline.graph);
      expect(back.past).toBe(offline.past);

      // The engine works again: the edits made offline save and run.
      await page.getByTestId('file-save').click();
      await page
        .locator('[data-testid="toast"][data-kind="info"]')
        .filter({ hasText: `Saved ${EXAMPLE}` })
        .waitFor();
      expect(await readFile(join(workspace, EXAMPLE), 'utf8')).toBe(serializeGraph(offline.graph));
      await runAndWait(page);
      expect((await loadedImage(page, 'save')).width).toBe(64);
      await screenshot(page, 'reconnect-2-back');
      // Chromium logs each refused socket while the engine is away; nothing else may fail.
      expect(errors.filter((error) => !/WebSocket connection to .* failed/.test(error))).toEqual(
        [],
      );
    } finally {
      await engine.stop();
      await rm(workspace, { recursive: true, force: true });
      await rm(home, { recursive: true, force: true });
    }
  }, 120_000);
});
