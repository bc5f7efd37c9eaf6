/**
 * A param drawn zoomed out (canvas/detailLevel.ts): its label and value as
 * text, about the height of its widget, and a handle only when a wire feeds
 * it (an edge needs its handle; the others come back when zoomed in).
 */
import type { ParamSpec } from '../../engine/common/catalog.ts';
import { paramValueType } from '../../engine/common/catalog.ts';
import type { GraphNode } from '../../engine/common/graph/schema.ts';
import { TypedHandle } from './TypedHandle.tsx';
import { paramLabel } from './widgets/types.ts';

export function CompactParam({
  node,
  spec,
  invalid,
}: {
  node: GraphNode;
  spec: ParamSpec;
  invalid: boolean;
}) {
  const connection = node.inputs?.[spec.name];
  const value =
    connection !== undefined ? `← ${connection}` : String(node.params?.[spec.name] ?? spec.default);
  const tall = spec.kind === 'string' && spec.multiline;
  return (
    <div
      className={`weft-param compact${invalid ? ' invalid' : ''}${tall ? ' tall' : ''}`}
      data-param={spec.name}
    >
      {connection !== undefined && (
        <TypedHandle kind="target" name={spec.name} valueType={paramValueType(spec)} small />
      )}
      <span className="weft-param-label">{paramLabel(spec)}</span>
      <span className="weft-compact-value">{value}</span>
    </div>
  );
}
