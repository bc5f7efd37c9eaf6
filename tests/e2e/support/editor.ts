/**
 * Driving the editor in a page the way an artist does (palette, mouse drags
 * between handles, keys, buttons), and reading its stores on
 * `window.__weft` (renderer/main.tsx) only to check exact states. Selectors
 * are the renderer's data-testid attributes (renderer/CONTEXT.md lists them).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { GraphFile } from '../../../engine/common/graph/schema.ts';
import type { ServedEditor } from './serve.ts';

const REPO = new URL('../../..', import.meta.url).pathname;
/** Screenshots of the main states (ignored by git: tests/artifacts/). */
export const ARTIFACTS = join(REPO, 'tests', 'artifacts', 'editor');

export interface Point {
  x: number;
  y: number;
}

export interface EditorSession {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors in the page, for failure checks. */
  errors: string[];
  close(): Promise<void>;
}

/** What the tests read of the graph store (the rest stays in the page). */
export interface DocumentView {
  graph: GraphFile;
  filePath: string | undefined;
  dirty: boolean;
  past: number;
  future: number;
}

// The page's stores, as far as these helpers read them (page functions run
// in the browser; this file is typed for Node, hence the casts).
interface StoreLike<T> {
  getState(): T;
}
/** The few DOM members page functions here use (this file has no DOM types). */
interface ElementLike {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  closest(selector: string): ElementLike | null;
}
interface PageGlobals {
  __weft: {
    graph: StoreLike<{
      graph: GraphFile;
      filePath: string | undefined;
      dirty: boolean;
      history: { past: readonly unknown[]; future: readonly unknown[] };
    }>;
  };
}

/** Opens the editor (optionally on a workspace graph) in a fresh browser context. */
export async function openEditor(
  browser: Browser,
  served: ServedEditor,
  options: { graph?: string; viewport?: { width: number; height: number } } = {},
): Promise<EditorSession> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1600, height: 1000 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  const url = new URL(served.url);
  if (options.graph !== undefined) url.searchParams.set('graph', options.graph);
  await page.goto(url.toString());
  await waitUntilReady(page);
  if (options.graph !== undefined) await page.getByTestId('node').first().waitFor();
  return { page, context, errors, close: () => context.close() };
}

/** Connected, the node list arrived (the canvas replaced the splash). */
export async function waitUntilReady(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-state"][data-state="open"]').waitFor();
  await page.getByTestId('canvas').waitFor();
}

export function readDocument(page: Page): Promise<DocumentView> {
  return page.evaluate(() => {
    const state = (globalThis as unknown as PageGlobals).__weft.graph.getState();
    return {
      graph: state.graph,
      filePath: state.filePath,
      dirty: state.dirty,
      past: state.history.past.length,
      future: state.history.future.length,
    };
  });
}

export async function readGraph(page: Page): Promise<GraphFile> {
  return (await readDocument(page)).graph;
}

export function nodeLocator(page: Page, id: string): Locator {
  return page.locator(`[data-testid="node"][data-node-id="${id}"]`);
}

export function handleLocator(
  page: Page,
  id: string,
  handle: `${'in' | 'out'}:${string}`,
): Locator {
  return nodeLocator(page, id).locator(`[data-handle="${handle}"]`);
}

/**
 * Adds a node the artist's way: double-click the empty canvas at `at`
 * (screen pixels), search the palette for `query`, click the entry of
 * `type`. Returns the id the editor gave the new node.
 */
export async function addNodeFromPalette(
  page: Page,
  type: string,
  query: string,
  at: Point,
): Promise<string> {
  const before = new Set(Object.keys((await readGraph(page)).nodes));
  await page.mouse.dblclick(at.x, at.y);
  const input = page.getByTestId('palette-input');
  await input.fill(query);
  await page.locator(`[data-testid="palette-item"][data-node-type="${type}"]`).click();
  await page.getByTestId('palette').waitFor({ state: 'detached' });
  const added = Object.keys((await readGraph(page)).nodes).filter((id) => !before.has(id));
  if (added.length !== 1) throw new Error(`Adding ${type} added ${added.length} nodes.`);
  const id = added[0]!;
  await nodeLocator(page, id).waitFor();
  return id;
}

/**
 * Adds a node with the keyboard only: the pointer rests at `at`, Tab opens
 * the palette there, the query is typed, and Enter takes the first match
 * (which must be `type`). Returns the new node's id.
 */
export async function addNodeByKeyboard(
  page: Page,
  type: string,
  query: string,
  at: Point,
): Promise<string> {
  const before = new Set(Object.keys((await readGraph(page)).nodes));
  await page.mouse.move(at.x, at.y);
  await page.keyboard.press('Tab');
  await page.getByTestId('palette-input').waitFor();
  await page.keyboard.type(query);
  const first = page.locator('[data-testid="palette-item"][aria-selected="true"]');
  try {
    await first.and(page.locator(`[data-node-type="${type}"]`)).waitFor({ timeout: 5000 });
  } catch {
    const chosen = await first.getAttribute('data-node-type').catch(() => null);
    throw new Error(`The palette's first match for "${query}" is ${chosen}, not ${type}.`);
  }
  await page.keyboard.press('Enter');
  await page.getByTestId('palette').waitFor({ state: 'detached' });
  const added = Object.keys((await readGraph(page)).nodes).filter((id) => !before.has(id));
  if (added.length !== 1) throw new Error(`Adding ${type} added ${added.length} nodes.`);
  const id = added[0]!;
  await nodeLocator(page, id).waitFor();
  return id;
}

async function centreOf(locator: Locator): Promise<Point> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} has no box on screen.`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Drags a wire with the mouse from an output handle to an input handle;
 * `beforeRelease` runs while the wire hangs over the target (screenshots).
 */
export async function dragWire(
  page: Page,
  from: { node: string; output: string },
  to: { node: string; input: string },
  beforeRelease?: () => Promise<void>,
): Promise<void> {
  const start = await centreOf(handleLocator(page, from.node, `out:${from.output}`));
  const end = await centreOf(handleLocator(page, to.node, `in:${to.input}`));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await beforeRelease?.();
  await page.mouse.up();
}

/** Types a value into a node's text or number field and leaves it with Enter/Tab, as a user does. */
export async function typeParam(page: Page, node: string, param: string, value: string) {
  const field = nodeLocator(page, node).getByTestId(`param-${param}`);
  await field.fill(value);
  const tag = await field.evaluate((element) => (element as unknown as ElementLike).tagName);
  // Enter blurs a number field (and commits it); a textarea would take it as a newline.
  if (tag === 'TEXTAREA') await field.blur();
  else await field.press('Enter');
}

/** Each node's run badge: id → status (queued, running, cached, done, error, skipped). */
export async function nodeStatuses(page: Page): Promise<Record<string, string>> {
  const pairs = await page
    .getByTestId('node-status')
    .evaluateAll((badges) =>
      (badges as unknown as ElementLike[]).map((badge) => [
        badge.closest('[data-testid="node"]')?.getAttribute('data-node-id') ?? '?',
        badge.getAttribute('data-status') ?? '?',
      ]),
    );
  return Object.fromEntries(pairs) as Record<string, string>;
}

/**
 * Clicks Run and waits until this run has ended with `status` (done, failed,
 * cancelled). The status line still shows the previous run's ending when the
 * click lands, so it is watched from before the click: the run must be seen
 * running, then ending.
 */
export async function runAndWait(page: Page, status = 'done', timeout = 60_000): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as RunWatchScope;
    scope.__runWatch?.observer.disconnect();
    const element = scope.document.querySelector('[data-testid="run-status"]');
    if (!element) throw new Error('The run controls are not on the page.');
    const seen: string[] = [];
    const observer = new scope.MutationObserver(() =>
      seen.push(element.getAttribute('data-status') ?? ''),
    );
    observer.observe(element, { attributes: true, attributeFilter: ['data-status'] });
    scope.__runWatch = { observer, seen, element };
  });
  await page.getByTestId('run-button').click();
  await page.waitForFunction(
    (target) => {
      const watch = (globalThis as unknown as RunWatchScope).__runWatch;
      return (
        watch !== undefined &&
        watch.seen.includes('running') &&
        watch.element.getAttribute('data-status') === target
      );
    },
    status,
    { timeout },
  );
}

/** The page globals runAndWait uses (this file has no DOM types). */
interface RunWatchScope {
  document: { querySelector(selector: string): ElementLike | null };
  MutationObserver: new (callback: () => void) => ObserverLike;
  __runWatch?: { observer: ObserverLike; seen: string[]; element: ElementLike };
}
interface ObserverLike {
  observe(target: ElementLike, options: { attributes: boolean; attributeFilter: string[] }): void;
  disconnect(): void;
}

/** A node's output image once it has loaded: its size and the colour at its centre. */
export async function loadedImage(
  page: Page,
  node: string,
): Promise<{ path: string; width: number; height: number; centre: [number, number, number] }> {
  const image = page.locator(`[data-testid="node-output-image"][data-node-id="${node}"]`);
  await image.waitFor();
  await page.waitForFunction(
    (element) => (element as { complete: boolean; naturalWidth: number } | null)?.complete,
    await image.elementHandle(),
  );
  return image.evaluate((element) => {
    const img = element as unknown as {
      naturalWidth: number;
      naturalHeight: number;
      ownerDocument: { createElement(tag: 'canvas'): CanvasLike };
      getAttribute(name: string): string | null;
    };
    interface CanvasLike {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        drawImage(image: unknown, x: number, y: number): void;
        getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
      } | null;
    }
    const canvas = img.ownerDocument.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context?.drawImage(img, 0, 0);
    const data = context?.getImageData(
      Math.floor(img.naturalWidth / 2),
      Math.floor(img.naturalHeight / 2),
      1,
      1,
    ).data;
    return {
      path: img.getAttribute('data-path') ?? '',
      width: img.naturalWidth,
      height: img.naturalHeight,
      centre: [data?.[0] ?? -1, data?.[1] ?? -1, data?.[2] ?? -1] as [number, number, number],
    };
  });
}

/**
 * Drops a file on the canvas at `at` as the browser does for a file dragged
 * from the desktop: dragenter, dragover and drop events carrying a real
 * DataTransfer with a File of these bytes.
 */
export async function dropFile(page: Page, name: string, bytes: Uint8Array, at: Point) {
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const scope = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new scope.DataTransfer();
      transfer.items.add(new scope.File([new Uint8Array(data)], name, { type: 'image/png' }));
      return transfer;
    },
    { name, data: [...bytes] },
  );
  const canvas = page.getByTestId('canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('The canvas is not on screen.');
  const position = { clientX: at.x, clientY: at.y };
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await canvas.dispatchEvent(type, { dataTransfer: transfer, ...position });
  }
  await transfer.dispose();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
