/**
 * Editor-only fields the renderer keeps in a node's `ui` (which execution
 * ignores, and which the loader keeps field for field, [F2]):
 *
 *   seedModes  { <seed param>: "randomize" | "increment" }: what happens to
 *              a seed after each run; absent means "fixed"
 *
 * Readers here tolerate anything, since a hand-edited file may hold junk.
 */
import type { GraphNode } from '../../engine/common/graph/schema.ts';

export type { NodeMode } from '../../engine/common/graph/schema.ts';
export type SeedMode = 'fixed' | 'randomize' | 'increment';
export const SEED_MODES: readonly SeedMode[] = ['fixed', 'randomize', 'increment'];

/** A node's run mode lives on the node itself ([F20]): the engine honours it. */
export { nodeMode } from '../../engine/common/graph/modes.ts';

export function seedMode(node: GraphNode, param: string): SeedMode {
  const modes = node.ui?.seedModes;
  if (typeof modes !== 'object' || modes === null) return 'fixed';
  const mode = (modes as Record<string, unknown>)[param];
  return mode === 'randomize' || mode === 'increment' ? mode : 'fixed';
}

export function isCollapsed(node: GraphNode): boolean {
  return node.ui?.collapsed === true;
}
