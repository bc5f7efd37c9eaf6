import { describe, expect, it } from 'vitest';
import { allNodes, createDefaultRegistry } from '../index.ts';
import { controlPack } from './index.ts';

describe('the control pack', () => {
  it('is registered with the shipped nodes, each type once, all in "Control"', () => {
    const types = createDefaultRegistry()
      .types()
      .filter((type) => type.startsWith('control/'));
    expect(types).toEqual([
      'control/canny',
      'control/depth',
      'control/invert',
      'control/passthrough',
      'control/threshold',
    ]);
    for (const node of controlPack) {
      expect(allNodes).toContain(node);
      expect(node.definition.category).toBe('Control');
      expect(node.definition.outputs.map((port) => [port.name, port.type])).toEqual([
        ['image', 'IMAGE'],
      ]);
    }
  });
});
