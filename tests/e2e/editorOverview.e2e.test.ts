/**
 * The editor zoomed out to overview (renderer/canvas/OverviewCanvas.tsx), in
 * Debian's Chromium against a real `weft serve`: a 200-node graph opens
 * framed whole, so React Flow holds no nodes and one <canvas> draws them.
 * Checked as an artist sees it: a node's header is drawn in its category's
 * colour where the node is; clicking, dragging, box-selecting, deleting and
 * double-clicking work on the drawn boxes through the same store actions as
 * at other zooms (the store is read for exact states); zooming in brings
 * React Flow's nodes back with handles and wires ending at them, and fitting
 * the view goes back to the canvas.
 * Screenshots go to tests/artifacts/editor/.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serializeGraph } from '../../engine/common/graph/write.ts';
import { buildLargeGraph } from '../../bench/editorGraph.ts';
import { categoryColor } from '../../renderer/nodes/colors.ts';
import { HEADER_OPACITY, OVERVIEW_COLORS } from '../../renderer/canvas/overviewStyle.ts';
import { browserUnavailable, launchChromium } from './support/browser.ts';
import {
  nodeLocator,
  readDocument,
  readGraph,
  screenshot,
  waitUntilReady,
  type Point,
} from './support/editor.ts';
import { rendererBuilt } from './support/rendererBuilt.ts';
import { startServe, type ServedEditor } from './support/serve.ts';

const unavailable = browserUnavailable();
const GRAPH = 'overview-200.weft.json';

/** The page's selection, read from the store (page functions run in the browser). */
function selection(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      (
        globalThis as unknown as {
          __weft: { graph: { getState(): { selection: string[] } } };
        }
      ).__weft.graph.getState().selection,
  );
}

/** Flow coordinates → window pixels, from React Flow's viewport transform and the pane's place. */
async function screenMapper(
  page: Page,
): Promise<{ zoom: number; toScreen: (flow: Point) => Point }> {
  const transform = await page
    .locator('.react-flow__viewport')
    .evaluate(
      (element) => (element as unknown as { style: { transform: string } }).style.transform,
    );
  const match = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([-\d.]+)\)/.exec(transform);
  if (!match) throw new Error(`Unexpected viewport transform "${transform}".`);
  const [x, y, zoom] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('The pane is not on screen.');
  return {
    zoom,
    toScreen: (flow) => ({ x: pane.x + x + flow.x * zoom, y: pane.y + y + flow.y * zoom }),
  };
}

/** Waits until React Flow's viewport transform stops changing (an animation or a late fit). */
async function settled(page: Page): Promise<void> {
  const read = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate(
        (element) => (element as unknown as { style: { transform: string } }).style.transform,
      );
  let last = await read();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await page.waitForTimeout(150);
    const now = await read();
    if (now === last) return;
    last = now;
  }
  throw new Error(`The view kept moving: ${last}.`);
}

/** The RGB of the window pixel at `point`. */
async function pixel(page: Page, point: Point): Promise<[number, number, number]> {
  const png = await page.screenshot({
    clip: { x: Math.floor(point.x), y: Math.floor(point.y), width: 1, height: 1 },
  });
  const raw = await sharp(png).removeAlpha().raw().toBuffer();
  return [raw[0]!, raw[1]!, raw[2]!];
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

describe.skipIf(unavailable !== undefined)('the editor zoomed out to overview, in Chromium', () => {
  let served: ServedEditor;
  let browser: Browser;
  let page: Page | undefined;

  beforeAll(async () => {
    await rendererBuilt();
    [served, browser] = await Promise.all([startServe({ noBuild: true }), launchChromium()]);
    await writeFile(join(served.workspace, GRAPH), serializeGraph(buildLargeGraph(200)));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  afterEach(async (context) => {
    if (page && context.task.result?.state === 'fail') {
      await screenshot(page, 'failed-overview').catch(() => {});
    }
    await page?.context().close();
    page = undefined;
  });

  it('draws the graph on one canvas and edits it there; zooming in brings the nodes back', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
    });
    const url = new URL(served.url);
    url.searchParams.set('graph', GRAPH);
    await page.goto(url.toString());
    await waitUntilReady(page);
    await page.locator('[data-testid="overview-canvas"][data-painted-nodes="200"]').waitFor();
    await expect(page.getByTestId('canvas').getAttribute('class')).resolves.toContain(
      'detail-overview',
    );
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    // The editor fits the view once more shortly after opening: read the view once it is still.
    await settled(page);

    // n27 is a Crop (category Image) at (600, 220): its header is drawn in that colour there.
    const { zoom, toScreen } = await screenMapper(page);
    expect(zoom).toBeLessThan(0.25);
    const accent = rgb(categoryColor('Image'));
    const body = rgb(OVERVIEW_COLORS.body);
    const header = accent.map(
      (channel, index) => HEADER_OPACITY * channel + (1 - HEADER_OPACITY) * body[index]!,
    );
    const top = toScreen({ x: 600 + 120, y: 220 });
    const strip: [number, number, number][] = [];
    for (let dy = 0; dy < 6; dy += 1) strip.push(await pixel(page, { x: top.x, y: top.y + dy }));
    const closest = Math.min(
      ...strip.map((colour) =>
        Math.max(...colour.map((channel, index) => Math.abs(channel - header[index]!))),
      ),
    );
    expect(closest, `header pixels ${JSON.stringify(strip)} vs ${header.join(',')}`).toBeLessThan(
      14,
    );

    // Click selects it; the header pixel at the same place is still the node's.
    const inside = toScreen({ x: 600 + 120, y: 220 + 40 });
    await page.mouse.click(inside.x, inside.y);
    expect(await selection(page)).toEqual(['n27']);
    await screenshot(page, 'overview-canvas');

    // Drag: moved by the travel over the zoom, one undo step; undo puts it back.
    const before = await readDocument(page);
    const snap = await page.evaluate(
      () =>
        (
          globalThis as unknown as { __weft: { ui: { getState(): { snapToGrid: boolean } } } }
        ).__weft.ui.getState().snapToGrid,
    );
    expect(snap).toBe(false);
    await page.mouse.move(inside.x, inside.y);
    await page.mouse.down();
    await page.mouse.move(inside.x + 30, inside.y + 20, { steps: 3 });
    await page.mouse.move(inside.x + 60, inside.y + 40, { steps: 3 });
    await page.mouse.up();
    const moved = await readDocument(page);
    const ui = moved.graph.nodes.n27!.ui!;
    expect(Math.abs(ui.x - (600 + 60 / zoom))).toBeLessThanOrEqual(1);
    expect(Math.abs(ui.y - (220 + 40 / zoom))).toBeLessThanOrEqual(1);
    expect(moved.past).toBe(before.past + 1);
    expect(moved.graph.nodes.n26!.ui).toEqual({ x: 300, y: 220 });
    expect(await selection(page)).toEqual(['n27']);
    await page.keyboard.press('Control+z');
    expect((await readGraph(page)).nodes.n27!.ui).toEqual({ x: 600, y: 220 });

    // Shift-drag on empty canvas selects the boxes it touches: n0 and n1, not the row below.
    const from = toScreen({ x: -60, y: -60 });
    const to = toScreen({ x: 400, y: 120 });
    await page.keyboard.down('Shift');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    expect(await selection(page)).toEqual(['n0', 'n1']);

    // Ctrl-click adds; a click on empty canvas clears.
    await page.keyboard.down('Control');
    await page.mouse.click(inside.x, inside.y);
    await page.keyboard.up('Control');
    expect(await selection(page)).toEqual(['n0', 'n1', 'n27']);
    const empty = toScreen({ x: -80, y: 600 });
    await page.mouse.click(empty.x, empty.y);
    expect(await selection(page)).toEqual([]);

    // Delete acts on the selection drawn here; undo brings the node and its wires back.
    await page.mouse.click(inside.x, inside.y);
    await page.keyboard.press('Delete');
    expect((await readGraph(page)).nodes.n27).toBeUndefined();
    await page.keyboard.press('Control+z');
    expect((await readGraph(page)).nodes.n28!.inputs).toEqual({ image: 'n27.image' });

    // Double-click on empty canvas opens the palette, as at every zoom.
    await page.mouse.dblclick(empty.x, empty.y);
    await page.getByTestId('palette').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('palette').waitFor({ state: 'detached' });

    // Double-click on a node zooms to it: React Flow's nodes are back, with
    // handles, and the wire into n27 ends at its input handle.
    await page.mouse.dblclick(inside.x, inside.y);
    const node = nodeLocator(page, 'n27');
    await node.waitFor();
    expect(await page.getByTestId('overview-canvas').count()).toBe(0);
    const handle = node.locator('[data-handle="in:image"]');
    await handle.waitFor();
    const wire = page.locator('[data-testid="rf__edge-n27:image"] path.react-flow__edge-path');
    // Attached, not "visible": a level wire's box has no height, which Playwright calls hidden.
    await wire.waitFor({ state: 'attached' });
    await settled(page);
    const handleBox = await handle.boundingBox();
    const wireBox = await wire.boundingBox();
    if (!handleBox || !wireBox) throw new Error('The handle or the wire is not on screen.');
    expect(Math.abs(wireBox.x + wireBox.width - (handleBox.x + handleBox.width / 2))).toBeLessThan(
      handleBox.width,
    );
    const handleMiddle = handleBox.y + handleBox.height / 2;
    expect(handleMiddle).toBeGreaterThanOrEqual(wireBox.y - 2);
    expect(handleMiddle).toBeLessThanOrEqual(wireBox.y + wireBox.height + 2);
    await screenshot(page, 'overview-zoomed-in');

    // Fit view frames the whole graph again: back to the overview canvas.
    await page.getByTestId('fit-view').click();
    await page.locator('[data-testid="overview-canvas"][data-painted-nodes="200"]').waitFor();
    await settled(page);
    const refit = await screenMapper(page);
    expect(refit.zoom).toBeGreaterThan(zoom * 0.9);
    expect(refit.zoom).toBeLessThan(zoom * 1.1);
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
