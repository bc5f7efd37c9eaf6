/**
 * Edge maps of the toy dataset's three shapes, the templates the toy
 * ControlNet correlates a control image with: the Sobel magnitude of each
 * shape's coverage, blurred (three box passes, about a Gaussian of σ ≈ 1.4 px)
 * so that a Canny map with edges a pixel off still matches, then normalised to
 * zero mean and unit norm.
 */
import { IMAGE_SIZE, SHAPES, shapeCoverage } from '../toySd/dataset.ts';

/** Sobel gradient magnitude of a size×size plane (edges clamped). */
export function sobelMagnitude(plane: ArrayLike<number>, size = IMAGE_SIZE): Float64Array {
  const at = (x: number, y: number) =>
    plane[Math.min(Math.max(y, 0), size - 1) * size + Math.min(Math.max(x, 0), size - 1)]!;
  const magnitude = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const gx =
        at(x + 1, y - 1) +
        2 * at(x + 1, y) +
        at(x + 1, y + 1) -
        (at(x - 1, y - 1) + 2 * at(x - 1, y) + at(x - 1, y + 1));
      const gy =
        at(x - 1, y + 1) +
        2 * at(x, y + 1) +
        at(x + 1, y + 1) -
        (at(x - 1, y - 1) + 2 * at(x, y - 1) + at(x + 1, y - 1));
      magnitude[y * size + x] = Math.hypot(gx, gy);
    }
  }
  return magnitude;
}

/** One 3×3 box-blur pass (edges clamped). */
function boxBlur(plane: Float64Array, size: number): Float64Array {
  const blurred = new Float64Array(plane.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const sy = Math.min(Math.max(y + dy, 0), size - 1);
          const sx = Math.min(Math.max(x + dx, 0), size - 1);
          sum += plane[sy * size + sx]!;
        }
      }
      blurred[y * size + x] = sum / 9;
    }
  }
  return blurred;
}

/** Zero mean, unit Euclidean norm. */
function normalised(plane: Float64Array): Float64Array {
  const mean = plane.reduce((sum, value) => sum + value, 0) / plane.length;
  const centred = plane.map((value) => value - mean);
  const norm = Math.sqrt(centred.reduce((sum, value) => sum + value * value, 0));
  return centred.map((value) => value / norm);
}

/** The normalised, blurred edge map of each shape, in SHAPES order, [64·64] each. */
export function shapeEdgeMaps(): Float64Array[] {
  return SHAPES.map((_, shape) => {
    let edges = sobelMagnitude(shapeCoverage(shape));
    for (let pass = 0; pass < 3; pass++) edges = boxBlur(edges, IMAGE_SIZE);
    return normalised(edges);
  });
}
