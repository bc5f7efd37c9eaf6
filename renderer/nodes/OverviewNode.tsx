/**
 * A node seen from far away (canvas/detailLevel.ts): its title on a box of
 * about its real size, nothing else. No handles: at overview the canvas draws
 * the wires itself, box side to box side (canvas/OverviewWires.tsx), and
 * every element less is less to hit-test on each frame of a pan.
 */
import type { WeftNodeData } from '../canvas/flowTypes.ts';
import { estimateSize } from '../canvas/frame.ts';

export function OverviewBody({ data }: { data: WeftNodeData }) {
  const { node, definition } = data;
  const height = estimateSize(node, () => definition).height;
  return <div className="weft-overview-body" style={{ height: height - 30 }} />;
}
