import { describe, expect, it } from 'vitest';
import { overviewWirePath, type WireBox } from './overviewWirePath.ts';

const boxes: Record<string, WireBox> = {
  a: { x: 0, y: 0, width: 200, height: 100 },
  b: { x: 300, y: 40, width: 200, height: 60.4 },
};
const boxOf = (id: string) => boxes[id];

describe('overviewWirePath', () => {
  it('joins the source box right middle to the target box left middle', () => {
    expect(overviewWirePath([{ source: 'a', target: 'b' }], boxOf)).toBe('M200 50L300 70');
  });

  it('puts every wire in one path and skips wires whose nodes are not known', () => {
    const path = overviewWirePath(
      [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'missing' },
        { source: 'b', target: 'a' },
      ],
      boxOf,
    );
    expect(path).toBe('M200 50L300 70M500 70L0 50');
  });
});
