/**
 * The few NumPy routines diffusers builds its schedules with, in float64 and
 * with NumPy's own formulas, so the rounding matches too:
 * - linspace: start + i·step with step = (stop − start)/div, the last value
 *   set to stop exactly when the end point is included;
 * - arange: length ⌈(stop − start)/step⌉, values start + i·δ where δ is
 *   (start + step) − start (NumPy's fill), not step itself;
 * - interp: linear between the two neighbouring points, clamped at the ends;
 * - round: half to even.
 * Pure.
 */

export function linspace(start: number, stop: number, count: number, endpoint = true): number[] {
  const divisions = endpoint ? count - 1 : count;
  const step = (stop - start) / divisions;
  const values = Array.from({ length: count }, (_, i) =>
    divisions > 0 ? i * step + start : i * (stop - start) + start,
  );
  if (endpoint && count > 1) values[count - 1] = stop;
  return values;
}

export function arange(start: number, stop: number, step: number): number[] {
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const delta = start + step - start;
  return Array.from({ length }, (_, i) =>
    i === 0 ? start : i === 1 ? start + step : start + i * delta,
  );
}

/** numpy.interp(x, xp, fp) for increasing xp. */
export function interp(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const last = xp.length - 1;
  if (x <= xp[0]!) return fp[0]!;
  if (x >= xp[last]!) return fp[last]!;
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (xp[middle]! <= x) low = middle;
    else high = middle;
  }
  if (xp[low] === x) return fp[low]!;
  const slope = (fp[low + 1]! - fp[low]!) / (xp[low + 1]! - xp[low]!);
  return slope * (x - xp[low]!) + fp[low]!;
}

/** numpy.round: to the nearest whole number, halves to even. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}
