/**
 * A port: a React Flow handle coloured by its value type. `data-value-type`
 * lets the canvas light up compatible handles while a wire is dragged (one
 * style rule, no node re-renders); `data-handle` ("in:image", "out:latent")
 * is for tests and tools.
 */
import { Handle, Position } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { valueTypeColor } from './colors.ts';

export interface TypedHandleProps {
  kind: 'source' | 'target';
  name: string;
  valueType: string | undefined;
  connectable?: boolean;
  /** Small handles beside param widgets (a param can be fed by a wire). */
  small?: boolean;
}

export function TypedHandle({
  kind,
  name,
  valueType,
  connectable = true,
  small = false,
}: TypedHandleProps) {
  return (
    <Handle
      type={kind}
      position={kind === 'target' ? Position.Left : Position.Right}
      id={name}
      isConnectable={connectable}
      className={`weft-handle${small ? ' small' : ''}`}
      data-handle={`${kind === 'target' ? 'in' : 'out'}:${name}`}
      data-value-type={valueType ?? 'UNKNOWN'}
      title={`${name}: ${valueType ?? 'unknown type'}`}
      style={{ '--handle-color': valueTypeColor(valueType) } as CSSProperties}
    />
  );
}
