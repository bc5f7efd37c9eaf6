/**
 * A node seen from far away (canvas/detailLevel.ts): its title on a box
 * of about its real size, and only the handles its wires need, stacked at
 * its sides. A handful of elements instead of dozens per node.
 */
import type { WeftNodeData } from '../canvas/flowTypes.ts';
import { estimateSize } from '../canvas/frame.ts';
import { TypedHandle } from './TypedHandle.tsx';

export function OverviewBody({ data }: { data: WeftNodeData }) {
  const { node, definition, placeholderOutputs } = data;
  const height = estimateSize(node, () => definition).height;
  const outputs = definition ? definition.outputs.map((port) => port.name) : placeholderOutputs;
  return (
    <div className="weft-overview-body" style={{ height: height - 30 }}>
      {Object.keys(node.inputs ?? {}).map((name) => (
        <TypedHandle
          key={`in:${name}`}
          kind="target"
          name={name}
          valueType={undefined}
          connectable={false}
        />
      ))}
      {outputs.map((name) => (
        <TypedHandle
          key={`out:${name}`}
          kind="source"
          name={name}
          valueType={undefined}
          connectable={false}
        />
      ))}
    </div>
  );
}
