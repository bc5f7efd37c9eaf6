import { describe, expect, it } from 'vitest';
import { interpretEdgeSelection, interpretNodeChanges } from './nodeChanges.ts';

describe('interpreting React Flow changes', () => {
  it('collects a multi-node drag and measured sizes', () => {
    const effects = interpretNodeChanges(
      [
        { type: 'position', id: 'a', position: { x: 1, y: 2 }, dragging: true },
        { type: 'position', id: 'b', position: { x: 3, y: 4 }, dragging: true },
        { type: 'dimensions', id: 'a', dimensions: { width: 200, height: 90 } },
      ],
      { nodes: [], groups: [] },
    );
    expect(effects.positions).toEqual({ a: { x: 1, y: 2 }, b: { x: 3, y: 4 } });
    expect(effects.dragging).toBe(true);
    expect(effects.measured).toEqual({ a: { width: 200, height: 90 } });
    expect(effects.widths).toEqual({});
    expect(effects.selection).toBeUndefined();
  });

  it('tells group moves from group resizes and records node widths from the resizer', () => {
    const effects = interpretNodeChanges(
      [
        { type: 'position', id: 'group:0', position: { x: 5, y: 6 }, dragging: true },
        {
          type: 'dimensions',
          id: 'group:1',
          dimensions: { width: 300, height: 200 },
          resizing: true,
          setAttributes: true,
        },
        { type: 'position', id: 'group:1', position: { x: -10, y: 0 } },
        {
          type: 'dimensions',
          id: 'n',
          dimensions: { width: 260, height: 120 },
          resizing: true,
          setAttributes: 'width',
        },
      ],
      { nodes: [], groups: [] },
    );
    expect(effects.groupMoves).toEqual([{ index: 0, position: { x: 5, y: 6 }, dragging: true }]);
    expect(effects.groupResizes).toEqual([
      { index: 1, rect: { width: 300, height: 200 } },
      { index: 1, rect: { x: -10, y: 0 } },
    ]);
    expect(effects.widths).toEqual({ n: 260 });
  });

  it('folds select changes into a new selection only when it changed', () => {
    const effects = interpretNodeChanges(
      [
        { type: 'select', id: 'a', selected: false },
        { type: 'select', id: 'c', selected: true },
        { type: 'select', id: 'group:2', selected: true },
      ],
      { nodes: ['a', 'b'], groups: [] },
    );
    expect(effects.selection).toEqual({ nodes: ['b', 'c'], groups: [2] });
    const same = interpretNodeChanges([{ type: 'select', id: 'b', selected: true }], {
      nodes: ['b'],
      groups: [],
    });
    expect(same.selection).toBeUndefined();
    expect(interpretEdgeSelection([{ type: 'select', id: 'x:y', selected: true }], [])).toEqual([
      'x:y',
    ]);
    expect(
      interpretEdgeSelection([{ type: 'select', id: 'x:y', selected: true }], ['x:y']),
    ).toBeUndefined();
  });
});
