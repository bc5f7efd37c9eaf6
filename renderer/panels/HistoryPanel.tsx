export function HistoryPanel(): null {
  return null;
}
