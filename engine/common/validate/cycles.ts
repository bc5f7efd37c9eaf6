/**
 * Cycle finding for graph validation. Tarjan's strongly connected components
 * find every knot of nodes that feed each other; each knot is reported once,
 * as the shortest loop through its smallest node id (plus whichever knot
 * members that loop does not pass through). Listing every elementary cycle
 * instead could be exponential, and one loop per knot is what an artist
 * needs to see where to cut.
 *
 * Iterative, so a long chain of nodes cannot overflow the call stack.
 */
import { compareText } from './textOrder.ts';

export interface Cycle {
  /** The loop in data-flow order, starting at its smallest id; the first node follows the last. */
  path: string[];
  /** Other nodes caught in the same knot, off this particular loop, sorted. */
  alsoInvolved: string[];
}

/**
 * `successors(node)` lists the nodes that `node` feeds; successors outside
 * `nodes` are ignored. Results are sorted by their first node id.
 */
export function findCycles(
  nodes: readonly string[],
  successors: (node: string) => readonly string[],
): Cycle[] {
  const known = new Set(nodes);
  const next = (node: string): string[] =>
    [...new Set(successors(node))].filter((successor) => known.has(successor)).sort(compareText);

  const cycles: Cycle[] = [];
  for (const component of stronglyConnectedComponents([...known].sort(compareText), next)) {
    const start = component.slice().sort(compareText)[0];
    if (start === undefined) continue;
    const isLoop = component.length > 1 || next(start).includes(start);
    if (!isLoop) continue;
    const members = new Set(component);
    const path = shortestLoop(start, (node) => next(node).filter((other) => members.has(other)));
    const onPath = new Set(path);
    cycles.push({
      path,
      alsoInvolved: component.filter((node) => !onPath.has(node)).sort(compareText),
    });
  }
  return cycles.sort((a, b) => compareText(a.path[0] ?? '', b.path[0] ?? ''));
}

interface Frame {
  node: string;
  successors: readonly string[];
  nextIndex: number;
}

/** Tarjan's algorithm with an explicit stack of frames in place of recursion. */
export function stronglyConnectedComponents(
  nodes: readonly string[],
  successors: (node: string) => readonly string[],
): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const frames: Frame[] = [];

  const enter = (node: string): void => {
    const order = index.size;
    index.set(node, order);
    lowLink.set(node, order);
    stack.push(node);
    onStack.add(node);
    frames.push({ node, successors: successors(node), nextIndex: 0 });
  };
  const lower = (node: string, candidate: number): void => {
    lowLink.set(node, Math.min(lowLink.get(node) ?? candidate, candidate));
  };

  for (const root of nodes) {
    if (index.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const successor = frame.successors[frame.nextIndex];
      if (successor !== undefined) {
        frame.nextIndex += 1;
        const successorIndex = index.get(successor);
        if (successorIndex === undefined) enter(successor);
        else if (onStack.has(successor)) lower(frame.node, successorIndex);
        continue;
      }
      frames.pop();
      const low = lowLink.get(frame.node)!;
      const parent = frames[frames.length - 1];
      if (parent) lower(parent.node, low);
      if (low !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      components.push(component);
    }
  }
  return components;
}

/** Breadth-first from `start` back to itself; `start` must lie on a loop. */
function shortestLoop(start: string, successors: (node: string) => readonly string[]): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head]!;
    for (const successor of successors(node)) {
      if (successor === start) return unwind(start, node, cameFrom);
      if (cameFrom.has(successor)) continue;
      cameFrom.set(successor, node);
      queue.push(successor);
    }
  }
  return [start];
}

function unwind(start: string, last: string, cameFrom: ReadonlyMap<string, string>): string[] {
  const reversed = [last];
  for (let node = last; node !== start;) {
    node = cameFrom.get(node)!;
    reversed.push(node);
  }
  return reversed.reverse();
}
