import { describe, expect, it } from 'vitest';
import { drawOverview, fitTitle, type OverviewPainter } from './overviewDraw.ts';
import type { RasterPlan } from './overviewRaster.ts';
import type { OverviewScene } from './overviewScene.ts';
import { HEADER_HEIGHT, OVERVIEW_COLORS } from './overviewStyle.ts';

/** The overview draws in plain colours only. */
function style(value: unknown): string {
  return typeof value === 'string' ? value : 'not a colour';
}

/** A painter that writes down what is drawn, with the style in force at each call. */
function recorder() {
  const calls: string[] = [];
  const painter: OverviewPainter = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textBaseline: 'alphabetic',
    setTransform: (...values) => calls.push(`transform ${values.join(' ')}`),
    clearRect: (...values) => calls.push(`clear ${values.join(' ')}`),
    fillRect: (...values) =>
      calls.push(`fill ${values.join(' ')} ${style(painter.fillStyle)} ${painter.globalAlpha}`),
    strokeRect: (...values) =>
      calls.push(
        `stroke ${values.join(' ')} ${style(painter.strokeStyle)} ${painter.lineWidth} ${painter.globalAlpha}`,
      ),
    beginPath: () => calls.push('path'),
    moveTo: (x, y) => calls.push(`move ${x} ${y}`),
    lineTo: (x, y) => calls.push(`line ${x} ${y}`),
    stroke: () => calls.push(`stroke path ${style(painter.strokeStyle)} ${painter.lineWidth}`),
    fillText: (text, x, y) => calls.push(`text ${text} ${x} ${y} ${painter.font}`),
  };
  return { painter, calls };
}

function scene(): OverviewScene {
  return {
    nodes: [
      {
        id: 'a',
        x: 0,
        y: 0,
        width: 200,
        height: 100,
        color: '#b08540',
        title: 'Solid Color',
        selected: false,
        mode: undefined,
      },
      {
        id: 'b',
        x: 400,
        y: 0,
        width: 200,
        height: 20,
        color: '#5b7fa6',
        title: 'b',
        selected: true,
        mode: 'mute',
      },
    ],
    groups: [],
    wires: [
      { x1: 200, y1: 50, x2: 400, y2: 10, color: '#e8b04f' },
      { x1: 200, y1: 50, x2: 400, y2: 60, color: '#e8b04f' },
      { x1: 0, y1: 0, x2: 1, y2: 1, color: '#9fd18b' },
    ],
    bounds: { x: 0, y: 0, width: 600, height: 100 },
  };
}

/** Covers (−24, −24) onwards at 1/8 of a flow unit per pixel. */
const plan: RasterPlan = {
  x: -24,
  y: -24,
  width: 648,
  height: 148,
  scale: 0.125,
  pixelWidth: 81,
  pixelHeight: 18,
};

describe('drawing the overview', () => {
  it('clears the bitmap and maps flow units onto it', () => {
    const { painter, calls } = recorder();
    drawOverview(painter, scene(), plan, { pixelRatio: 1, statusOf: () => undefined });
    expect(calls.slice(0, 3)).toEqual([
      'transform 1 0 0 1 0 0',
      'clear 0 0 81 18',
      'transform 0.125 0 0 0.125 3 3',
    ]);
  });

  it('draws the wires as one path per colour, then the boxes over them', () => {
    const { painter, calls } = recorder();
    drawOverview(painter, scene(), plan, { pixelRatio: 1, statusOf: () => undefined });
    const pixel = 8; // one CSS pixel at scale 0.125, in flow units
    expect(calls.slice(3, 13)).toEqual([
      'path',
      'move 200 50',
      'line 400 10',
      'move 200 50',
      'line 400 60',
      `stroke path #e8b04f ${1.5 * pixel}`,
      'path',
      'move 0 0',
      'line 1 1',
      `stroke path #9fd18b ${1.5 * pixel}`,
    ]);
    expect(calls.slice(13, 16)).toEqual([
      `fill 0 0 200 100 ${OVERVIEW_COLORS.body} 1`,
      `fill 0 0 200 ${HEADER_HEIGHT} #b08540 0.55`,
      `stroke 0 0 200 100 ${OVERVIEW_COLORS.border} ${pixel} 1`,
    ]);
    // At 25 CSS pixels wide the title would not be legible: none is drawn.
    expect(calls.some((call) => call.startsWith('text'))).toBe(false);
  });

  it('dims muted nodes, outlines the selection outside, and shows run state', () => {
    const { painter, calls } = recorder();
    const statuses = { a: 'error', b: 'running' } as const;
    drawOverview(painter, scene(), plan, {
      pixelRatio: 1,
      statusOf: (id) => statuses[id as keyof typeof statuses],
    });
    const pixel = 8;
    expect(calls.slice(13)).toEqual([
      `fill 0 0 200 100 ${OVERVIEW_COLORS.errorBody} 1`,
      `fill 0 0 200 ${HEADER_HEIGHT} #b08540 0.55`,
      `stroke 0 0 200 100 ${OVERVIEW_COLORS.error} ${3 * pixel} 1`,
      `fill 400 0 200 20 ${OVERVIEW_COLORS.body} 0.4`,
      // A box lower than the header is all header.
      `fill 400 0 200 20 #5b7fa6 ${0.4 * 0.55}`,
      `stroke 400 0 200 20 ${OVERVIEW_COLORS.running} ${3 * pixel} 0.4`,
      `stroke ${400 - 3 * pixel} ${-3 * pixel} ${200 + 6 * pixel} ${20 + 6 * pixel} ${OVERVIEW_COLORS.selected} ${2 * pixel} 1`,
    ]);
  });

  it('writes titles once boxes are wide enough on screen, cut to fit', () => {
    const { painter, calls } = recorder();
    // Scale 0.5 at pixel ratio 2: 200 flow units are 50 CSS pixels (too narrow);
    // at scale 1 they are 100 (wide enough), and a CSS pixel is 2 flow units.
    drawOverview(
      painter,
      scene(),
      { ...plan, scale: 0.5 },
      { pixelRatio: 2, statusOf: () => undefined },
    );
    expect(calls.filter((call) => call.startsWith('text'))).toEqual([]);
    const wide = recorder();
    drawOverview(
      wide.painter,
      scene(),
      { ...plan, scale: 1 },
      { pixelRatio: 2, statusOf: () => undefined },
    );
    expect(wide.calls.filter((call) => call.startsWith('text'))).toEqual([
      `text Solid Color 10 ${Math.max(HEADER_HEIGHT, 22 * 1.6) / 2} 600 22px system-ui, sans-serif`,
      `text b 410 ${Math.max(HEADER_HEIGHT, 22 * 1.6) / 2} 600 22px system-ui, sans-serif`,
    ]);
  });

  it('cuts a title to the width with an ellipsis', () => {
    expect(fitTitle('Load Diffusion Model', 100, 10)).toBe('Load Diffusion M…');
    expect(fitTitle('Crop', 100, 10)).toBe('Crop');
    expect(fitTitle('Crop', 10, 10)).toBe('');
  });
});
