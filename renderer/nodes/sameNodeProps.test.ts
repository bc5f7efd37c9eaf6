import { describe, expect, it } from 'vitest';
import type { WeftNodeData } from '../canvas/flowTypes.ts';
import { sameNodeProps } from './sameNodeProps.ts';

const data: WeftNodeData = {
  node: { type: 'core/resize', params: { width: 64 } },
  definition: undefined,
  placeholderOutputs: [],
};

describe('sameNodeProps (NodeView memo)', () => {
  it('ignores what React Flow changes on moves and measurements', () => {
    const before = { id: 'n1', data, selected: false, positionAbsoluteX: 0, width: undefined };
    const after = { id: 'n1', data, selected: false, positionAbsoluteX: 300, width: 240 };
    expect(sameNodeProps(before, after)).toBe(true);
  });

  it('re-renders for a new node object, a selection or another id', () => {
    const base = { id: 'n1', data, selected: false };
    expect(sameNodeProps(base, { ...base, data: { ...data } })).toBe(false);
    expect(sameNodeProps(base, { ...base, selected: true })).toBe(false);
    expect(sameNodeProps(base, { ...base, id: 'n2' })).toBe(false);
  });
});
