/**
 * Which overview box is under a point, and which boxes a selection rectangle
 * touches, in flow coordinates (overviewScene.ts). At overview React Flow
 * draws no nodes, so clicks, drags and box selection are answered here.
 * A linear pass: a thousand boxes take microseconds, and it runs per press,
 * not per frame.
 */
import type { OverviewBox, OverviewScene, Rect } from './overviewScene.ts';

function touches(box: Rect, rect: Rect): boolean {
  const left = Math.min(rect.x, rect.x + rect.width);
  const right = Math.max(rect.x, rect.x + rect.width);
  const top = Math.min(rect.y, rect.y + rect.height);
  const bottom = Math.max(rect.y, rect.y + rect.height);
  return (
    box.x <= right && box.x + box.width >= left && box.y <= bottom && box.y + box.height >= top
  );
}

/** The topmost (last drawn) node whose box holds `point`. */
export function nodeAt(
  scene: Pick<OverviewScene, 'nodes'>,
  point: { x: number; y: number },
): OverviewBox | undefined {
  for (let index = scene.nodes.length - 1; index >= 0; index -= 1) {
    const box = scene.nodes[index]!;
    if (
      point.x >= box.x &&
      point.x <= box.x + box.width &&
      point.y >= box.y &&
      point.y <= box.y + box.height
    ) {
      return box;
    }
  }
  return undefined;
}

/**
 * The ids of the nodes a rectangle touches, even partly (the canvas's
 * SelectionMode.Partial at the other zoom levels). `rect` may have a negative
 * width or height (dragged up or left).
 */
export function nodesInRect(scene: Pick<OverviewScene, 'nodes'>, rect: Rect): string[] {
  return scene.nodes.filter((box) => touches(box, rect)).map((box) => box.id);
}

/** The indices of the groups a rectangle touches, as nodesInRect. */
export function groupsInRect(scene: Pick<OverviewScene, 'groups'>, rect: Rect): number[] {
  return scene.groups.filter((group) => touches(group, rect)).map((group) => group.index);
}
