/**
 * JSON may contain a key named "__proto__", but JavaScript objects cannot
 * carry it as ordinary data: the schema would drop it without a word. Such
 * a file is refused instead, naming where the key is ([F2]: nothing is lost
 * silently).
 */
const RESERVED = '__proto__';

/** A visited value and how it was reached; paths are rebuilt only when needed. */
interface Visit {
  value: unknown;
  key: string | number;
  parent: Visit | undefined;
}

/** The path of the first "__proto__" key in `value`, or undefined. Iterative: depth cannot overflow. */
export function findReservedKey(value: unknown): (string | number)[] | undefined {
  const pending: Visit[] = [{ value, key: '', parent: undefined }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current !== 'object' || current === null) continue;
    if (!Array.isArray(current) && Object.hasOwn(current, RESERVED)) {
      return [...pathOf(visit), RESERVED];
    }
    const parent = visit;
    Object.entries(current).forEach(([key, member]: [string, unknown], index) => {
      pending.push({ value: member, key: Array.isArray(current) ? index : key, parent });
    });
  }
  return undefined;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let step: Visit | undefined = visit; step?.parent !== undefined; step = step.parent) {
    path.unshift(step.key);
  }
  return path;
}
