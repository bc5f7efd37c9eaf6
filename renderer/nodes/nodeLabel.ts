/**
 * How a node names and colours itself, the same on the DOM node (NodeView)
 * and on the overview canvas (canvas/overviewScene.ts): its own title, else
 * its definition's, else its type; its own colour, else its category's.
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { GraphNode } from '../../engine/common/graph/schema.ts';
import { categoryColor } from './colors.ts';

export function nodeTitle(node: GraphNode, definition: NodeDefinition | undefined): string {
  return node.title ?? definition?.title ?? node.type;
}

export function nodeAccent(node: GraphNode, definition: NodeDefinition | undefined): string {
  return typeof node.ui?.color === 'string' ? node.ui.color : categoryColor(definition?.category);
}
