import { describe, expect, it } from 'vitest';
import { autoLayout } from './layout.ts';

describe('autoLayout', () => {
  it('places unpositioned nodes in columns by depth, below positioned ones', () => {
    const positions = autoLayout({
      format: 'weft/graph',
      version: 1,
      nodes: {
        placed: { type: 'core/int', ui: { x: 0, y: 100 } },
        c: { type: 'x/y', inputs: { a: 'b.out' } },
        b: { type: 'x/y', inputs: { a: 'a.out' } },
        a: { type: 'x/y' },
        a2: { type: 'x/y' },
      },
    });
    expect(positions).toEqual({
      c: { x: 640, y: 340 },
      b: { x: 320, y: 340 },
      a: { x: 0, y: 340 },
      a2: { x: 0, y: 580 },
    });
  });
});
