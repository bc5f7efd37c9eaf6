/** The React Flow node and edge shapes the canvas draws from the graph. */
import type { Edge, Node } from '@xyflow/react';
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { GraphGroup, GraphNode } from '../../engine/common/graph/schema.ts';

export interface WeftNodeData extends Record<string, unknown> {
  node: GraphNode;
  /** Undefined for a placeholder: a node whose type is not installed. */
  definition: NodeDefinition | undefined;
  /** A placeholder's outputs that other nodes read (its only known outputs). */
  placeholderOutputs: readonly string[];
}

export interface GroupData extends Record<string, unknown> {
  group: GraphGroup;
  index: number;
}

export type WeftFlowNode = Node<WeftNodeData, 'weft'>;
export type GroupFlowNode = Node<GroupData, 'weftGroup'>;
export type FlowNode = WeftFlowNode | GroupFlowNode;

export interface WireData extends Record<string, unknown> {
  valueType: string | undefined;
}
export type WeftEdge = Edge<WireData>;

/** Group boxes are React Flow nodes with ids no graph node can have (":" is not allowed in ids). */
export function groupNodeId(index: number): string {
  return `group:${index}`;
}

export function groupIndexOf(id: string): number | undefined {
  return id.startsWith('group:') ? Number(id.slice(6)) : undefined;
}

/** The definition behind a React Flow node (internal or not); undefined for groups and placeholders. */
export function definitionOfNode(node: {
  type?: string | undefined;
  data: unknown;
}): NodeDefinition | undefined {
  return node.type === 'weft' ? (node.data as WeftNodeData).definition : undefined;
}
