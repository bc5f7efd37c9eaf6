import { describe, expect, it } from 'vitest';
import { groupsInRect, nodeAt, nodesInRect } from './overviewHitTest.ts';
import type { OverviewBox, OverviewGroupBox } from './overviewScene.ts';

function box(id: string, x: number, y: number, width = 100, height = 50): OverviewBox {
  return { id, x, y, width, height, color: '#000', title: id, selected: false, mode: undefined };
}

const nodes = [box('a', 0, 0), box('b', 80, 30), box('c', 300, 0)];
const groups: OverviewGroupBox[] = [
  { index: 0, x: 250, y: -20, width: 200, height: 100, color: '#fff', title: 'g', selected: false },
];

describe('overview hit testing', () => {
  it('finds the topmost box under a point, edges included', () => {
    expect(nodeAt({ nodes }, { x: 10, y: 10 })?.id).toBe('a');
    // a and b overlap here: b is drawn later, so it is on top.
    expect(nodeAt({ nodes }, { x: 90, y: 40 })?.id).toBe('b');
    expect(nodeAt({ nodes }, { x: 100, y: 0 })?.id).toBe('a');
    expect(nodeAt({ nodes }, { x: 250, y: 10 })).toBeUndefined();
    expect(nodeAt({ nodes }, { x: -0.5, y: 10 })).toBeUndefined();
    expect(nodeAt({ nodes: [] }, { x: 0, y: 0 })).toBeUndefined();
  });

  it('selects what a rectangle touches, even partly, dragged in any direction', () => {
    expect(nodesInRect({ nodes }, { x: 90, y: 45, width: 20, height: 10 })).toEqual(['a', 'b']);
    expect(nodesInRect({ nodes }, { x: 400, y: 60, width: -115, height: -50 })).toEqual(['c']);
    expect(nodesInRect({ nodes }, { x: 200, y: 0, width: 50, height: 50 })).toEqual([]);
    expect(groupsInRect({ groups }, { x: 200, y: 0, width: 60, height: 10 })).toEqual([0]);
    expect(groupsInRect({ groups }, { x: 0, y: 0, width: 60, height: 10 })).toEqual([]);
  });
});
