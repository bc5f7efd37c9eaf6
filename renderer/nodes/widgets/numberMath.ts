/**
 * The arithmetic of number widgets: snapping to the param's step, keeping
 * inside min/max, dragging, and when a slider fits better than a field.
 */
import type { ParamSpec } from '../../../engine/common/catalog.ts';

export type NumberSpec = Extract<ParamSpec, { kind: 'int' | 'float' | 'seed' }>;

export function stepOf(spec: NumberSpec): number {
  if (spec.kind === 'seed') return 1;
  return spec.step ?? (spec.kind === 'int' ? 1 : 0.01);
}

function bounds(spec: NumberSpec): { min: number; max: number } {
  if (spec.kind === 'seed') return { min: 0, max: 2 ** 32 - 1 };
  return { min: spec.min ?? -Infinity, max: spec.max ?? Infinity };
}

/** Decimals worth showing for a step: 0.05 → 2, 1 → 0. */
export function decimalsOf(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(6, text.length - dot - 1);
}

/** Clamped to min/max and snapped to the step (from min when there is one, else 0). */
export function normalize(spec: NumberSpec, value: number): number {
  const step = stepOf(spec);
  const { min, max } = bounds(spec);
  const origin = Number.isFinite(min) ? min : 0;
  let snapped = origin + Math.round((value - origin) / step) * step;
  snapped = Number(snapped.toFixed(decimalsOf(step)));
  if (spec.kind !== 'float') snapped = Math.round(snapped);
  return Math.min(max, Math.max(min, snapped));
}

/** One arrow press (or wheel notch) up or down; `fine` (Shift) moves a tenth as far for floats. */
export function nudge(spec: NumberSpec, value: number, direction: 1 | -1, fine = false): number {
  const step = stepOf(spec) * (fine && spec.kind === 'float' ? 0.1 : 1);
  return normalize(spec, value + direction * step);
}

/**
 * A horizontal drag of `pixels`: one step per 4 px, or across the whole range
 * in about 300 px for a bounded range whose steps are finer than that (not
 * seeds: their range is 2^32 and nobody drags across it).
 */
export function dragValue(spec: NumberSpec, start: number, pixels: number): number {
  const step = stepOf(spec);
  const { min, max } = bounds(spec);
  const range = max - min;
  const fine = spec.kind !== 'seed' && Number.isFinite(range) && range / step > 75;
  const perPixel = fine ? range / 300 : step / 4;
  return normalize(spec, start + pixels * perPixel);
}

/** A slider when the definition asks, or when the range is bounded and small. */
export function wantsSlider(spec: NumberSpec): boolean {
  if (spec.kind === 'seed') return false;
  if (spec.min === undefined || spec.max === undefined) return false;
  if (spec.slider !== undefined) return spec.slider;
  return (spec.max - spec.min) / stepOf(spec) <= 100;
}

/** Parses what was typed; undefined when it is not a number. */
export function parseTyped(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
