/**
 * The overview canvas's bitmap: which part of the flow it covers and at what
 * scale. The canvas sits in React Flow's viewport in flow coordinates, so a
 * pan only moves it (the viewport's CSS transform) and nothing is redrawn;
 * it is redrawn when the zoom passes a step of a √2 ladder, at the step
 * above the zoom, so the bitmap is never enlarged on screen (never blurred),
 * only shrunk by less than √2. A huge graph gets a smaller scale than its
 * zoom asks for rather than a bitmap past the browser's limits (blurred, but
 * drawn).
 */
import type { Rect } from './overviewScene.ts';

export interface RasterPlan {
  /** The flow rectangle the bitmap covers (the scene's bounds with a margin). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Bitmap pixels per flow unit. */
  scale: number;
  pixelWidth: number;
  pixelHeight: number;
}

export interface RasterLimits {
  maxSide: number;
  maxPixels: number;
}

/** Within what browsers allocate for a 2D canvas without trouble (64 MiB of RGBA). */
export const RASTER_LIMITS: RasterLimits = { maxSide: 8192, maxPixels: 16 * 1024 * 1024 };

/** Room around the boxes for outlines drawn centred on their edges (flow units). */
export const RASTER_MARGIN = 24;

/** The ladder step at or above `zoom × devicePixelRatio`: the bitmap's scale before limits. */
export function rasterScale(zoom: number, pixelRatio: number): number {
  const wanted = Math.max(zoom * pixelRatio, 1e-3);
  return Math.SQRT2 ** Math.ceil(Math.log2(wanted) * 2 - 1e-9);
}

export function planRaster(
  bounds: Rect,
  scale: number,
  limits: RasterLimits = RASTER_LIMITS,
): RasterPlan {
  const x = bounds.x - RASTER_MARGIN;
  const y = bounds.y - RASTER_MARGIN;
  const width = bounds.width + 2 * RASTER_MARGIN;
  const height = bounds.height + 2 * RASTER_MARGIN;
  const fitted = Math.min(
    scale,
    limits.maxSide / width,
    limits.maxSide / height,
    Math.sqrt(limits.maxPixels / (width * height)),
  );
  return {
    x,
    y,
    width,
    height,
    scale: fitted,
    pixelWidth: Math.max(1, Math.floor(width * fitted)),
    pixelHeight: Math.max(1, Math.floor(height * fitted)),
  };
}
