import { describe, expect, it } from 'vitest';
import type { FlowNode } from './flowTypes.ts';
import { createHider } from './hiddenNodes.ts';

function node(id: string, selected: boolean): FlowNode {
  return {
    id,
    type: 'weft',
    position: { x: 1, y: 2 },
    selected,
    measured: { width: 240, height: 120 },
    data: { node: { type: 'core/crop' }, definition: undefined, placeholderOutputs: [] },
  };
}

describe('hidden copies of nodes for React Flow at overview', () => {
  it('hides and deselects, keeping position and measured size', () => {
    const hide = createHider();
    const original = node('a', true);
    const [copy] = hide([original]);
    expect(copy).toEqual({ ...original, hidden: true, selected: false });
    expect(original.hidden).toBeUndefined();
    expect(original.selected).toBe(true);
  });

  it('gives the same copy for the same node, a new one for a new node object', () => {
    const hide = createHider();
    const a = node('a', false);
    const b = node('b', false);
    const first = hide([a, b]);
    const changed = node('b', true);
    const second = hide([a, changed]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
  });
});
