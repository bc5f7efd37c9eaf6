import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../engine/common/graph/schema.ts';
import { closeGroup, emptyHistory, HISTORY_LIMIT, record, redo, undo } from './history.ts';

const graph = (n: number): GraphFile => ({
  format: 'weft/graph',
  version: 1,
  nodes: {},
  meta: { title: String(n) },
});

describe('history', () => {
  it('merges steps with the open key and splits on another key or a close', () => {
    let history = record(emptyHistory, graph(0), 'Change steps', 'param:s:steps');
    history = record(history, graph(1), 'Change steps', 'param:s:steps');
    expect(history.past.map((step) => step.graph.meta!.title)).toEqual(['0']);
    history = record(history, graph(2), 'Change cfg', 'param:s:cfg');
    history = closeGroup(history);
    history = record(history, graph(3), 'Change cfg', 'param:s:cfg');
    expect(history.past.map((step) => step.graph.meta!.title)).toEqual(['0', '2', '3']);
  });

  it('undo and redo travel and a new step clears redo', () => {
    let history = record(emptyHistory, graph(0), 'a');
    history = record(history, graph(1), 'b');
    const back = undo(history, graph(2))!;
    expect(back.graph.meta!.title).toBe('1');
    expect(back.label).toBe('b');
    const forward = redo(back.history, back.graph)!;
    expect(forward.graph.meta!.title).toBe('2');
    const branched = record(back.history, back.graph, 'c');
    expect(branched.future).toEqual([]);
    expect(undo(emptyHistory, graph(0))).toBeUndefined();
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    let history = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) history = record(history, graph(i), 'step');
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]!.graph.meta!.title).toBe('10');
  });
});
