import { describe, expect, it } from 'vitest';
import { planRaster, RASTER_MARGIN, rasterScale } from './overviewRaster.ts';

describe('the overview raster', () => {
  it('rasterises at the √2 step at or above zoom × pixel ratio', () => {
    expect(rasterScale(0.125, 1)).toBeCloseTo(0.125);
    expect(rasterScale(0.13, 1)).toBeCloseTo(0.125 * Math.SQRT2);
    expect(rasterScale(0.18, 1)).toBeCloseTo(0.25);
    expect(rasterScale(0.13, 2)).toBeCloseTo(0.25 * Math.SQRT2);
    // A whole range of zooms shares one step: no redraw while zooming within it.
    expect(rasterScale(0.19, 1)).toBe(rasterScale(0.24, 1));
  });

  it('covers the bounds and a margin, at the scale asked', () => {
    const plan = planRaster({ x: 100, y: -50, width: 1000, height: 500 }, 0.25);
    expect(plan).toEqual({
      x: 100 - RASTER_MARGIN,
      y: -50 - RASTER_MARGIN,
      width: 1000 + 2 * RASTER_MARGIN,
      height: 500 + 2 * RASTER_MARGIN,
      scale: 0.25,
      pixelWidth: Math.floor((1000 + 2 * RASTER_MARGIN) * 0.25),
      pixelHeight: Math.floor((500 + 2 * RASTER_MARGIN) * 0.25),
    });
  });

  it('lowers the scale rather than pass the size limits', () => {
    const wide = planRaster({ x: 0, y: 0, width: 100_000 - 2 * RASTER_MARGIN, height: 100 }, 0.25, {
      maxSide: 8192,
      maxPixels: 1e9,
    });
    expect(wide.scale).toBeCloseTo(8192 / 100_000);
    expect(wide.pixelWidth).toBeLessThanOrEqual(8192);
    const big = planRaster(
      { x: 0, y: 0, width: 20_000 - 2 * RASTER_MARGIN, height: 20_000 - 2 * RASTER_MARGIN },
      1,
      { maxSide: 8192, maxPixels: 16e6 },
    );
    expect(big.scale).toBeCloseTo(0.2);
    expect(big.pixelWidth * big.pixelHeight).toBeLessThanOrEqual(16e6);
  });
});
