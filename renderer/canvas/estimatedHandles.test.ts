import { describe, expect, it } from 'vitest';
import { testDefinitionOf } from '../testing/catalog.ts';
import { estimateHandles } from './estimatedHandles.ts';
import { HEADER, ROW } from './frame.ts';

describe('estimated handles of a node not measured yet', () => {
  it('puts ports under the header row by row and a small param handle per param row', () => {
    const definition = testDefinitionOf('core/crop')!;
    const handles = estimateHandles({ type: 'core/crop' }, definition, 240, []);
    expect(handles[0]).toEqual({
      id: 'image',
      type: 'target',
      position: 'left',
      x: -5.5,
      y: HEADER + ROW / 2 - 5.5,
      width: 11,
      height: 11,
    });
    expect(handles[1]).toEqual({
      id: 'image',
      type: 'source',
      position: 'right',
      x: 240 - 5.5,
      y: HEADER + ROW / 2 - 5.5,
      width: 11,
      height: 11,
    });
    // Then x, y, width, height: one row each after the port row.
    expect(handles.slice(2).map((handle) => [handle.id, handle.y + 4])).toEqual(
      definition.params.map((spec, index) => [spec.name, HEADER + ROW * (index + 1) + ROW / 2]),
    );
  });

  it('stacks every handle on the header of a collapsed node', () => {
    const definition = testDefinitionOf('core/crop')!;
    const handles = estimateHandles(
      { type: 'core/crop', ui: { x: 0, y: 0, collapsed: true } },
      definition,
      300,
      [],
    );
    expect(handles).toHaveLength(2 + definition.params.length);
    expect(new Set(handles.map((handle) => handle.y))).toEqual(new Set([HEADER / 2 - 5.5]));
    expect(handles.filter((handle) => handle.type === 'source').map((handle) => handle.x)).toEqual([
      300 - 5.5,
    ]);
  });

  it('gives a placeholder its wired inputs and read outputs', () => {
    const handles = estimateHandles(
      { type: 'someone/else', inputs: { a: 'x.out' } },
      undefined,
      240,
      ['result'],
    );
    expect(handles.map((handle) => [handle.id, handle.type])).toEqual([
      ['a', 'target'],
      ['result', 'source'],
    ]);
  });
});
