/**
 * One SVG path for all wires at overview zoom (OverviewWires.tsx): a straight
 * segment from the middle of the source box's right side to the middle of the
 * target box's left side. Straight, not curved: at overview zoom a curve is
 * a few pixels of difference and three times the path data.
 */
export interface WireBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function overviewWirePath(
  edges: readonly { source: string; target: string }[],
  boxOf: (id: string) => WireBox | undefined,
): string {
  const parts: string[] = [];
  for (const edge of edges) {
    const from = boxOf(edge.source);
    const to = boxOf(edge.target);
    if (!from || !to) continue;
    const x1 = Math.round(from.x + from.width);
    const y1 = Math.round(from.y + from.height / 2);
    const x2 = Math.round(to.x);
    const y2 = Math.round(to.y + to.height / 2);
    parts.push(`M${x1} ${y1}L${x2} ${y2}`);
  }
  return parts.join('');
}
