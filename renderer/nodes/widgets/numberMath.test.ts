import { describe, expect, it } from 'vitest';
import {
  dragValue,
  normalize,
  nudge,
  parseTyped,
  wantsSlider,
  type NumberSpec,
} from './numberMath.ts';

const cfg: NumberSpec = { name: 'cfg', kind: 'float', default: 7.5, min: 0, max: 30, step: 0.5 };
const steps: NumberSpec = { name: 'steps', kind: 'int', default: 20, min: 1, max: 150 };
const denoise: NumberSpec = {
  name: 'denoise',
  kind: 'float',
  default: 1,
  min: 0,
  max: 1,
  step: 0.01,
};
const seed: NumberSpec = { name: 'seed', kind: 'seed', default: 0 };

describe('number widgets', () => {
  it('snap to the step and clamp to the range', () => {
    expect(normalize(cfg, 7.3)).toBe(7.5);
    expect(normalize(cfg, 99)).toBe(30);
    expect(normalize(steps, 2.6)).toBe(3);
    expect(normalize(steps, -4)).toBe(1);
    expect(normalize(denoise, 0.1 + 0.2)).toBe(0.3);
    expect(normalize(seed, -1)).toBe(0);
  });

  it('arrows move one step, Shift a tenth for floats', () => {
    expect(nudge(cfg, 7.5, 1)).toBe(8);
    expect(nudge(denoise, 0.5, -1, true)).toBe(0.5);
    expect(nudge(steps, 150, 1)).toBe(150);
  });

  it('dragging crosses a fine bounded range in about 300 px', () => {
    expect(dragValue(denoise, 0, 150)).toBe(0.5);
    expect(dragValue(steps, 20, 40)).toBe(40);
    expect(dragValue(seed, 5, 8)).toBe(7);
  });

  it('a slider for small bounded ranges or when asked', () => {
    expect(wantsSlider(denoise)).toBe(true);
    expect(wantsSlider(cfg)).toBe(true);
    expect(wantsSlider(steps)).toBe(false);
    expect(wantsSlider({ ...steps, slider: true })).toBe(true);
    expect(wantsSlider(seed)).toBe(false);
  });

  it('reads typed numbers, with a comma as decimal point', () => {
    expect(parseTyped(' 7,5 ')).toBe(7.5);
    expect(parseTyped('abc')).toBeUndefined();
    expect(parseTyped('')).toBeUndefined();
  });
});
