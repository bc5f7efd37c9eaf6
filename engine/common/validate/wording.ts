/**
 * Shared phrasing for issue messages. Every name that comes from a graph file
 * is quoted with JSON rules, so a hand-edited type with a newline in it still
 * makes a one-line message.
 */
import type { ParamValue } from '../catalog.ts';

export function quote(text: string): string {
  return JSON.stringify(text);
}

/** `node "sampler" (diffusion/sampler)` */
export function describeNode(nodeId: string, type: string): string {
  return `node ${quote(nodeId)} (${JSON.stringify(type).slice(1, -1)})`;
}

/** `"a", "b", "c"`, or `none` for an empty list. */
export function listNames(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map(quote).join(', ');
}

/** A param value as written in the file: 500, "twenty", true. */
export function describeValue(value: ParamValue): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** Upper-cases the first letter, for a phrase that starts a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
