/**
 * Paints an overview scene (overviewScene.ts) onto a 2D context covering
 * `plan` (overviewRaster.ts): group boxes, then the wires (one path per wire
 * colour), then the node boxes (body, header in the node's colour, run state
 * and selection outlines), and titles once boxes are wide enough on screen
 * to read them. Sizes meant as screen pixels (outlines, text) are divided
 * by the raster's zoom, so they look the same at every overview zoom.
 * `OverviewPainter` is the part of CanvasRenderingContext2D used, so tests
 * can record the calls.
 */
import type { NodeRunStatus } from '../state/runTypes.ts';
import type { RasterPlan } from './overviewRaster.ts';
import type { OverviewBox, OverviewScene } from './overviewScene.ts';
import {
  HEADER_HEIGHT,
  HEADER_OPACITY,
  OVERVIEW_COLORS,
  TITLE_MIN_WIDTH,
  TITLE_SIZE,
} from './overviewStyle.ts';

export interface OverviewPainter {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textBaseline: CanvasTextBaseline;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  clearRect(x: number, y: number, width: number, height: number): void;
  fillRect(x: number, y: number, width: number, height: number): void;
  strokeRect(x: number, y: number, width: number, height: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fillText(text: string, x: number, y: number): void;
}

export function drawOverview(
  painter: OverviewPainter,
  scene: OverviewScene,
  plan: RasterPlan,
  options: { pixelRatio: number; statusOf: (id: string) => NodeRunStatus | undefined },
): void {
  painter.setTransform(1, 0, 0, 1, 0, 0);
  painter.clearRect(0, 0, plan.pixelWidth, plan.pixelHeight);
  painter.setTransform(plan.scale, 0, 0, plan.scale, -plan.x * plan.scale, -plan.y * plan.scale);
  /** One CSS pixel at the raster's zoom, in flow units. */
  const pixel = options.pixelRatio / plan.scale;

  for (const group of scene.groups) {
    painter.globalAlpha = 0.1;
    painter.fillStyle = group.color;
    painter.fillRect(group.x, group.y, group.width, group.height);
    painter.globalAlpha = group.selected ? 1 : 0.45;
    painter.strokeStyle = group.color;
    painter.lineWidth = (group.selected ? 2 : 1) * pixel;
    painter.strokeRect(group.x, group.y, group.width, group.height);
    painter.globalAlpha = 1;
    drawTitle(painter, group.title, group, pixel, group.color);
  }

  const byColor = new Map<string, OverviewScene['wires']>();
  for (const wire of scene.wires) {
    const list = byColor.get(wire.color);
    if (list) list.push(wire);
    else byColor.set(wire.color, [wire]);
  }
  painter.globalAlpha = 0.75;
  painter.lineWidth = 1.5 * pixel;
  for (const [color, wires] of byColor) {
    painter.strokeStyle = color;
    painter.beginPath();
    for (const wire of wires) {
      painter.moveTo(wire.x1, wire.y1);
      painter.lineTo(wire.x2, wire.y2);
    }
    painter.stroke();
  }

  for (const box of scene.nodes) drawNode(painter, box, pixel, options.statusOf(box.id));
  painter.globalAlpha = 1;
}

function drawNode(
  painter: OverviewPainter,
  box: OverviewBox,
  pixel: number,
  status: NodeRunStatus | undefined,
): void {
  const opacity = box.mode === 'bypass' ? 0.6 : box.mode === 'mute' ? 0.4 : 1;
  painter.globalAlpha = opacity;
  painter.fillStyle = status === 'error' ? OVERVIEW_COLORS.errorBody : OVERVIEW_COLORS.body;
  painter.fillRect(box.x, box.y, box.width, box.height);
  painter.globalAlpha = opacity * HEADER_OPACITY;
  painter.fillStyle = box.color;
  painter.fillRect(box.x, box.y, box.width, Math.min(HEADER_HEIGHT, box.height));
  painter.globalAlpha = opacity;
  const outline =
    status === 'error'
      ? OVERVIEW_COLORS.error
      : status === 'running'
        ? OVERVIEW_COLORS.running
        : undefined;
  if (outline) {
    painter.strokeStyle = outline;
    painter.lineWidth = 3 * pixel;
    painter.strokeRect(box.x, box.y, box.width, box.height);
  } else {
    painter.strokeStyle = OVERVIEW_COLORS.border;
    painter.lineWidth = pixel;
    painter.strokeRect(box.x, box.y, box.width, box.height);
  }
  if (box.selected) {
    // Outside the run-state outline, so both show.
    const gap = (outline ? 3 : 1.5) * pixel;
    painter.globalAlpha = 1;
    painter.strokeStyle = OVERVIEW_COLORS.selected;
    painter.lineWidth = 2 * pixel;
    painter.strokeRect(box.x - gap, box.y - gap, box.width + 2 * gap, box.height + 2 * gap);
  }
  painter.globalAlpha = opacity;
  drawTitle(painter, box.title, box, pixel, OVERVIEW_COLORS.text);
}

function drawTitle(
  painter: OverviewPainter,
  title: string,
  box: { x: number; y: number; width: number; height: number },
  pixel: number,
  color: string,
): void {
  if (box.width < TITLE_MIN_WIDTH * pixel) return;
  const size = TITLE_SIZE * pixel;
  const text = fitTitle(title, box.width - 10 * pixel, size);
  if (text === '') return;
  painter.font = `600 ${size}px system-ui, sans-serif`;
  painter.textBaseline = 'middle';
  painter.fillStyle = color;
  painter.fillText(text, box.x + 5 * pixel, box.y + Math.max(HEADER_HEIGHT, size * 1.6) / 2);
}

/** The title cut to what fits `width` at about 0.58 em a character, with an ellipsis when cut. */
export function fitTitle(title: string, width: number, size: number): string {
  const fits = Math.floor(width / (size * 0.58));
  if (title.length <= fits) return title;
  return fits >= 2 ? `${title.slice(0, fits - 1)}…` : '';
}
