export function RunControls(): null {
  return null;
}
