import { describe, expect, it } from 'vitest';
import { findCycles, stronglyConnectedComponents } from './cycles.ts';

function graph(edges: Record<string, string[]>): [string[], (node: string) => string[]] {
  return [Object.keys(edges), (node) => edges[node] ?? []];
}

describe('stronglyConnectedComponents', () => {
  it('splits the textbook eight-node example into its four components', () => {
    // Tarjan's classic example (also Wikipedia's): components {a,b,e}, {c,d,h}, {f,g}.
    const [nodes, successors] = graph({
      a: ['b'],
      b: ['c', 'e', 'f'],
      c: ['d', 'g'],
      d: ['c', 'h'],
      e: ['a', 'f'],
      f: ['g'],
      g: ['f'],
      h: ['d', 'g'],
    });
    const components = stronglyConnectedComponents(nodes, successors).map((component) =>
      component.sort().join(''),
    );
    expect(components.sort()).toEqual(['abe', 'cdh', 'fg']);
  });

  it('returns every node in a component of its own when there is no loop', () => {
    const [nodes, successors] = graph({ a: ['b', 'c'], b: ['c'], c: [] });
    expect(stronglyConnectedComponents(nodes, successors)).toEqual([['c'], ['b'], ['a']]);
  });
});

describe('findCycles', () => {
  it('finds none in a diamond', () => {
    const [nodes, successors] = graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] });
    expect(findCycles(nodes, successors)).toEqual([]);
  });

  it('finds a self-loop', () => {
    const [nodes, successors] = graph({ a: ['a', 'b'], b: [] });
    expect(findCycles(nodes, successors)).toEqual([{ path: ['a'], alsoInvolved: [] }]);
  });

  it('starts a loop at its smallest id and follows the edges from there', () => {
    const [nodes, successors] = graph({ mix: ['blend'], blend: ['tone'], tone: ['mix'] });
    expect(findCycles(nodes, successors)).toEqual([
      { path: ['blend', 'tone', 'mix'], alsoInvolved: [] },
    ]);
  });

  it('reports a knot once, by its shortest loop, naming the rest of the knot', () => {
    // a → b → c → d → a and a → d → a share the node a and d.
    const [nodes, successors] = graph({ a: ['b', 'd'], b: ['c'], c: ['d'], d: ['a'] });
    expect(findCycles(nodes, successors)).toEqual([{ path: ['a', 'd'], alsoInvolved: ['b', 'c'] }]);
  });

  it('reports separate loops sorted by their first node, whatever order the nodes come in', () => {
    const [nodes, successors] = graph({ z: ['y'], y: ['z'], c: ['b'], b: ['c'], m: ['b'] });
    expect(findCycles(nodes, successors)).toEqual([
      { path: ['b', 'c'], alsoInvolved: [] },
      { path: ['y', 'z'], alsoInvolved: [] },
    ]);
  });

  it('ignores successors that are not among the nodes', () => {
    const [, successors] = graph({ a: ['ghost'], ghost: ['a'] });
    expect(findCycles(['a'], successors)).toEqual([]);
  });

  it('walks a 50,000-node loop, deeper than recursion survives, without overflowing the stack', () => {
    const count = 50_000;
    const nodes = Array.from({ length: count }, (_, index) => `n${String(index).padStart(6, '0')}`);
    const next = new Map(nodes.map((node, index) => [node, [nodes[(index + 1) % count]!]]));
    const cycles = findCycles(nodes, (node) => next.get(node) ?? []);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.path).toHaveLength(count);
    expect(cycles[0]!.path.slice(0, 2)).toEqual(['n000000', 'n000001']);
  });
});
