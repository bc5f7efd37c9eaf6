/**
 * A node's inputs (left) and outputs (right), paired row by row so the node
 * stays compact. An unconnected required input is marked.
 */
import type { PortSpec } from '../../engine/common/catalog.ts';
import type { GraphNode } from '../../engine/common/graph/schema.ts';
import { TypedHandle } from './TypedHandle.tsx';

interface PortRowsProps {
  node: GraphNode;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  /** Fields with validation issues (an input left unconnected, a wrong type). */
  flagged: ReadonlySet<string>;
}

export function PortRows({ node, inputs, outputs, flagged }: PortRowsProps) {
  const rows = Math.max(inputs.length, outputs.length);
  if (rows === 0) return null;
  return (
    <div className="weft-ports">
      {Array.from({ length: rows }, (_, index) => {
        const input = inputs[index];
        const output = outputs[index];
        return (
          <div className="weft-port-row" key={index}>
            <div className="weft-port in">
              {input && (
                <>
                  <TypedHandle kind="target" name={input.name} valueType={input.type} />
                  <span
                    className={`weft-port-label${flagged.has(input.name) ? ' flagged' : ''}${
                      !input.optional && node.inputs?.[input.name] === undefined ? ' required' : ''
                    }`}
                    title={
                      input.description ?? `${input.type}${input.optional ? ' (optional)' : ''}`
                    }
                  >
                    {input.label ?? input.name}
                  </span>
                </>
              )}
            </div>
            <div className="weft-port out">
              {output && (
                <>
                  <span className="weft-port-label" title={output.description ?? output.type}>
                    {output.label ?? output.name}
                  </span>
                  <TypedHandle kind="source" name={output.name} valueType={output.type} />
                </>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
