import { describe, expect, it } from 'vitest';
import {
  clickNode,
  draggedPositions,
  isDrag,
  pressNode,
  viewportForBox,
} from './overviewGesture.ts';

describe('pressing and clicking nodes at overview', () => {
  it('selects an unselected node alone, or adds it with a modifier', () => {
    expect(pressNode(['a', 'b'], 'c', false)).toEqual({ selection: ['c'], deselectOnClick: false });
    expect(pressNode(['a', 'b'], 'c', true)).toEqual({
      selection: ['a', 'b', 'c'],
      deselectOnClick: false,
    });
  });

  it('keeps the selection when a selected node is pressed, so a drag moves all of it', () => {
    const press = pressNode(['a', 'b'], 'b', false);
    expect(press.selection).toEqual(['a', 'b']);
    expect(clickNode(press, 'b')).toEqual(['a', 'b']);
  });

  it('deselects a selected node clicked with a modifier (but not when it is dragged)', () => {
    const press = pressNode(['a', 'b'], 'b', true);
    expect(press).toEqual({ selection: ['a', 'b'], deselectOnClick: true });
    expect(clickNode(press, 'b')).toEqual(['a']);
  });

  it('starts a drag past a few pixels', () => {
    expect(isDrag({ x: 0, y: 0 }, { x: 2, y: 2 })).toBe(false);
    expect(isDrag({ x: 0, y: 0 }, { x: 3, y: 3 })).toBe(true);
  });
});

describe('dragging nodes at overview', () => {
  const start = { a: { x: 100, y: 200 }, b: { x: -40, y: 0 } };

  it('moves every dragged node by the travel over the zoom, rounded', () => {
    expect(draggedPositions(start, { x: 25, y: -10 }, 0.125, undefined)).toEqual({
      a: { x: 300, y: 120 },
      b: { x: 160, y: -80 },
    });
    expect(draggedPositions(start, { x: 1, y: 1 }, 0.3, undefined)).toEqual({
      a: { x: 103, y: 203 },
      b: { x: -37, y: 3 },
    });
  });

  it('snaps each node to the grid when snapping is on', () => {
    expect(draggedPositions(start, { x: 1, y: 1 }, 0.3, 16)).toEqual({
      a: { x: 96, y: 208 },
      b: { x: -32, y: 0 },
    });
  });
});

describe('zooming to a node on double-click', () => {
  it('centres it, 60 % of the pane at most, no closer than the fit zoom', () => {
    const view = viewportForBox(
      { x: 100, y: 50, width: 200, height: 100 },
      { width: 1000, height: 500 },
    );
    expect(view.zoom).toBe(1.2);
    expect(view.x).toBeCloseTo(500 - 200 * 1.2);
    expect(view.y).toBeCloseTo(250 - 100 * 1.2);
    const wide = viewportForBox(
      { x: 0, y: 0, width: 2000, height: 100 },
      { width: 1000, height: 500 },
    );
    expect(wide.zoom).toBeCloseTo(0.3);
    expect(wide.x).toBeCloseTo(500 - 1000 * 0.3);
  });
});
