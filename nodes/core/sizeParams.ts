/** Param specs shared by nodes that make or reshape images, so their ranges agree. */
import type { ParamSpec } from '../../engine/common/catalog.ts';

/** The largest side any core node creates (an 8192² float image is 805 MB). */
export const MAX_SIDE = 8192;

export function sideParam(name: 'width' | 'height', label: string, fallback = 512): ParamSpec {
  return { name, kind: 'int', label, default: fallback, min: 1, max: MAX_SIDE, step: 8 };
}

export function colorParam(
  name: string,
  label: string,
  fallback: string,
  description?: string,
): ParamSpec {
  return {
    name,
    kind: 'string',
    label,
    default: fallback,
    placeholder: '#rrggbb',
    ...(description ? { description } : {}),
  };
}
