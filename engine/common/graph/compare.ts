/**
 * Orders strings by UTF-16 code units: the same on every machine and locale,
 * unlike localeCompare, so written files and messages never depend on where
 * they were made.
 */
export function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
