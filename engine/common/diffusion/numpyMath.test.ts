import { describe, expect, it } from 'vitest';
import { arange, interp, linspace, roundHalfEven } from './numpyMath.ts';

describe('numpyMath', () => {
  it('linspace counts i·step from start and pins the end point, as numpy.linspace does', () => {
    expect(linspace(0, 999, 4)).toEqual([0, 333, 666, 999]);
    expect(linspace(0, 999, 20)[1]).toBe(999 / 19);
    expect(linspace(0, 50, 4, false)).toEqual([0, 12.5, 25, 37.5]);
    expect(linspace(3, 7, 1)).toEqual([3]);
  });

  it('arange fills start + i·δ with δ = (start + step) − start and length ⌈(stop − start)/step⌉', () => {
    expect(arange(1000, 0, -250)).toEqual([1000, 750, 500, 250]);
    const thirds = arange(1000, 0, -1000 / 3);
    expect(thirds).toHaveLength(3);
    expect(thirds[2]).toBe(1000 + 2 * (1000 - 1000 / 3 - 1000));
  });

  it('interp is linear between neighbours and clamps outside the table', () => {
    const xs = [0, 1, 2, 3];
    const ys = [10, 20, 40, 80];
    expect(interp(1.25, xs, ys)).toBe(25);
    expect(interp(2, xs, ys)).toBe(40);
    expect(interp(-1, xs, ys)).toBe(10);
    expect(interp(3, xs, ys)).toBe(80);
    expect(interp(9, xs, ys)).toBe(80);
  });

  it('round sends halves to the even neighbour (numpy.round), unlike Math.round', () => {
    expect([166.5, 832.5, 499.5, 0.5, 1.5, -2.5, 2.4, 2.6].map(roundHalfEven)).toEqual([
      166, 832, 500, 0, 2, -2, 2, 3,
    ]);
    expect(Math.round(166.5)).toBe(167);
  });
});
