/**
 * The editor with a 1,000-node graph, in headless Debian Chromium against a
 * real `weft serve` (issue #5's performance goal: load-to-interactive ≤ 1.5 s,
 * pan and zoom ≥ 50 fps):
 *   - load-to-interactive: from navigation to the first frame after the
 *     canvas shows the graph's nodes and answers a click (median of runs);
 *   - pan and zoom frame rates: requestAnimationFrame callbacks counted in the
 *     page while the mouse drags the canvas / the wheel zooms it, for a few
 *     seconds each.
 * Headless Chromium renders in software here (--disable-gpu), so these are
 * pessimistic figures for a desktop with a GPU.
 *
 *   npm run bench:editor [-- --nodes 1000 --repetitions 3]
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { serializeGraph } from '../engine/common/graph/write.ts';
import { browserUnavailable, launchChromium } from '../tests/e2e/support/browser.ts';
import { startServe } from '../tests/e2e/support/serve.ts';
import { buildLargeGraph } from './editorGraph.ts';
import { describeLoad, describeMachine } from './machine.ts';
import { fixed, median } from './stats.ts';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '1000' },
    repetitions: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '3' },
  },
});
const nodeCount = Number(values.nodes);
const repetitions = Number(values.repetitions);
const seconds = Number(values.seconds);

// Page scripts as text: they run in the browser, and this file is typed for Node.
const TWO_FRAMES =
  'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))';
const START_COUNTING = `(() => {
  const state = { frames: 0, start: performance.now(), last: performance.now(), longest: 0, running: true };
  window.__fps = state;
  const tick = (now) => {
    if (!state.running) return;
    state.frames += 1;
    state.longest = Math.max(state.longest, now - state.last);
    state.last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_COUNTING = `(() => {
  const s = window.__fps;
  s.running = false;
  return { fps: (s.frames * 1000) / (performance.now() - s.start), longest: s.longest };
})()`;

interface FrameRate {
  fps: number;
  /** The longest gap between two frames, ms. */
  longest: number;
}

async function loadToInteractive(page: Page, url: string): Promise<number> {
  const start = Date.now();
  await page.goto(url);
  // Shown: React Flow's node elements, or at overview zoom the canvas that
  // draws them, once it has painted (it sets data-painted-nodes after a paint).
  await page
    .locator('.react-flow__node, [data-testid="overview-canvas"][data-painted-nodes]')
    .first()
    .waitFor({ timeout: 60_000 });
  // Interactive: a click on the canvas is handled and a frame is painted after it.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.evaluate(TWO_FRAMES);
  return Date.now() - start;
}

/** Counts animation frames in the page while `drive` keeps the canvas busy. */
async function framesPerSecond(
  page: Page,
  durationSeconds: number,
  drive: (step: number) => Promise<void>,
): Promise<FrameRate> {
  await page.evaluate(START_COUNTING);
  const end = Date.now() + durationSeconds * 1000;
  for (let step = 0; Date.now() < end; step += 1) await drive(step);
  const rate = await page.evaluate<FrameRate>(STOP_COUNTING);
  await page.mouse.up();
  return rate;
}

/**
 * One step of a pan: a drag on empty canvas, 20 steps out and 20 back. Each
 * drag starts where the pane itself is under the pointer (not a node or a
 * wire), or it would move a node instead of the view; at overview zoom the
 * nodes are drawn on a canvas above the pane, so the editor's own hit test
 * (`__weft.overview.nodeAt`) must find no node there either.
 */
async function dragStep(page: Page, step: number): Promise<void> {
  const direction = Math.floor(step / 20) % 2 === 0 ? 1 : -1;
  if (step % 20 === 0) {
    await page.mouse.up();
    panStart = await emptySpot(page);
    await page.mouse.move(panStart.x, panStart.y);
    await page.mouse.down();
  }
  await page.mouse.move(
    panStart.x + direction * (step % 20) * 15,
    panStart.y + direction * (step % 20) * 8,
  );
}

let panStart = { x: 800, y: 500 };

// The first point of a spiral around the canvas's middle where the pane is on top.
const EMPTY_SPOT = `(() => {
  for (let radius = 0; radius < 400; radius += 6) {
    for (let angle = 0; angle < 360; angle += 30) {
      const x = 630 + radius * Math.cos((angle * Math.PI) / 180);
      const y = 520 + radius * Math.sin((angle * Math.PI) / 180);
      const element = document.elementFromPoint(x, y);
      const onNode = window.__weft.overview.nodeAt(x, y) !== undefined;
      if (element && element.classList.contains('react-flow__pane') && !onNode) return { x, y };
    }
  }
  return { x: 630, y: 520 };
})()`;

function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate<{ x: number; y: number }>(EMPTY_SPOT);
}

async function wheelStep(page: Page, step: number): Promise<void> {
  await page.mouse.move(800, 500);
  await page.mouse.wheel(0, Math.floor(step / 15) % 2 === 0 ? -60 : 60);
}

/**
 * What a zoom gesture leaves for later: nodes gain detail only once the zoom
 * rests (canvas/detailLevel.ts), so zoom from the framed overview into the
 * compact range (16 wheel steps, ~0.1 → ~0.38), stop, and time the frames
 * of the next second, which mount the nodes on screen.
 */
// The zoom and the React Flow nodes in the page once the gesture has rested.
const RESTED_AT = `(() => ({
  zoom: Number(/scale\\(([^)]+)\\)/.exec(document.querySelector('.react-flow__viewport').style.transform)[1]),
  nodes: document.querySelectorAll('.react-flow__node').length,
}))()`;

async function zoomThenRest(page: Page): Promise<FrameRate> {
  await page.mouse.move(800, 500);
  for (let step = 0; step < 16; step += 1) await page.mouse.wheel(0, -60);
  return framesPerSecond(page, 1, () => new Promise((resolve) => setTimeout(resolve, 50)));
}

async function main(): Promise<void> {
  if (browserUnavailable()) process.exit(1);
  console.log(describeMachine());
  console.log(describeLoad());
  const served = await startServe();
  const browser = await launchChromium();
  try {
    const file = 'bench-large.weft.json';
    await writeFile(join(served.workspace, file), serializeGraph(buildLargeGraph(nodeCount)));
    const url = `${served.url}${served.url.includes('?') ? '&' : '?'}graph=${encodeURIComponent(file)}`;

    const loads: number[] = [];
    let pan: FrameRate = { fps: 0, longest: 0 };
    let zoom: FrameRate = { fps: 0, longest: 0 };
    let rest: FrameRate = { fps: 0, longest: 0 };
    let restedAt = { zoom: 0, nodes: 0 };
    for (let repetition = 0; repetition < repetitions; repetition += 1) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      loads.push(await loadToInteractive(page, url));
      if (repetition === repetitions - 1) {
        pan = await framesPerSecond(page, seconds, (step) => dragStep(page, step));
        zoom = await framesPerSecond(page, seconds, (step) => wheelStep(page, step));
        await page.keyboard.press('f'); // fit view: back to the framed overview
        await page.waitForTimeout(800);
        rest = await zoomThenRest(page);
        restedAt = await page.evaluate<{ zoom: number; nodes: number }>(RESTED_AT);
      }
      await context.close();
    }
    console.log(`\n${nodeCount} nodes, ${repetitions} loads`);
    console.log(
      `load to interactive: median ${fixed(median(loads), 0)} ms (goal ≤ 1500 ms); runs ${loads.map((ms) => fixed(ms, 0)).join(', ')}`,
    );
    console.log(
      `pan:  ${fixed(pan.fps, 1)} fps (goal ≥ 50), longest frame ${fixed(pan.longest, 0)} ms`,
    );
    console.log(
      `zoom: ${fixed(zoom.fps, 1)} fps (goal ≥ 50), longest frame ${fixed(zoom.longest, 0)} ms`,
    );
    console.log(
      `zoom in to compact, then rest: the second after the gesture has its longest frame at ${fixed(rest.longest, 0)} ms (zoom ${fixed(restedAt.zoom, 2)}: ${restedAt.nodes} nodes mounted)`,
    );
  } finally {
    await browser.close();
    await served.stop();
  }
  console.log(describeLoad());
}

// Last, so the page scripts and helpers above are initialised when it runs.
await main();
