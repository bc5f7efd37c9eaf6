/**
 * String order by UTF-16 code unit, never by locale: validation output must
 * list the same issues in the same order on every machine.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
