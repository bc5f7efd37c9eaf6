/**
 * A node whose type is not installed ([F3]): kept exactly as saved. It shows
 * what it holds (params, connections) and keeps handles for its wires so they
 * stay drawn; nothing can be newly connected to it until its pack is there.
 */
import type { GraphNode } from '../../engine/common/graph/schema.ts';
import { TypedHandle } from './TypedHandle.tsx';

export function PlaceholderBody({
  node,
  outputs,
}: {
  node: GraphNode;
  outputs: readonly string[];
}) {
  const inputs = Object.entries(node.inputs ?? {});
  const params = Object.entries(node.params ?? {});
  return (
    <div className="weft-placeholder">
      <p className="weft-placeholder-note">
        Type <code>{node.type}</code> is not installed. This node is kept as it is and saved
        unchanged; install the node pack that provides it to run it.
      </p>
      <div className="weft-ports">
        {Array.from({ length: Math.max(inputs.length, outputs.length) }, (_, index) => (
          <div className="weft-port-row" key={index}>
            <div className="weft-port in">
              {inputs[index] && (
                <>
                  <TypedHandle
                    kind="target"
                    name={inputs[index][0]}
                    valueType={undefined}
                    connectable={false}
                  />
                  <span className="weft-port-label">{inputs[index][0]}</span>
                </>
              )}
            </div>
            <div className="weft-port out">
              {outputs[index] && (
                <>
                  <span className="weft-port-label">{outputs[index]}</span>
                  <TypedHandle
                    kind="source"
                    name={outputs[index]}
                    valueType={undefined}
                    connectable={false}
                  />
                </>
              )}
            </div>
          </div>
        ))}
      </div>
      {params.length > 0 && (
        <dl className="weft-placeholder-params">
          {params.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
