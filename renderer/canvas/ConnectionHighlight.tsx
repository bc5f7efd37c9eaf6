/**
 * While a wire is being dragged: one style rule lights up the handles that
 * would accept it and dims the rest, so no node re-renders during the drag.
 * The rule keys on the handles' `data-value-type`.
 */
import { useConnection } from '@xyflow/react';
import { inputType, outputType } from '../graph/connections.ts';
import { valueTypeColor } from '../nodes/colors.ts';
import { definitionOfNode, type FlowNode } from './flowTypes.ts';

/** "source:IMAGE" while dragging from an IMAGE output, "" when no wire is in hand. */
export function useDraggedWire(): string {
  return useConnection<FlowNode, string>((connection) => {
    if (!connection.inProgress) return '';
    const { fromHandle, fromNode } = connection;
    const definition = definitionOfNode(fromNode);
    if (!definition || !fromHandle.id) return '';
    const type =
      fromHandle.type === 'source'
        ? outputType(definition, fromHandle.id)
        : inputType(definition, fromHandle.id);
    return type ? `${fromHandle.type}:${type}` : '';
  });
}

export function ConnectionHighlight() {
  const wire = useDraggedWire();
  if (wire === '') return null;
  const [from, type] = wire.split(':') as [string, string];
  const other = from === 'source' ? 'target' : 'source';
  const color = valueTypeColor(type);
  const css = `
.weft-canvas .weft-handle.${other} { opacity: 0.25; }
.weft-canvas .weft-handle.${other}[data-value-type="${type}"] {
  opacity: 1; transform: translate(${other === 'target' ? '-50%' : '50%'}, -50%) scale(1.6);
  box-shadow: 0 0 0 3px ${color}55, 0 0 10px ${color};
}
.weft-canvas .react-flow__connection-path { stroke: ${color}; }`;
  return <style data-testid="connection-highlight">{css}</style>;
}
