/**
 * One param: its widget, a small input handle (a param can be fed by a wire
 * of its value type, [F16]) and, when a wire feeds it, the source instead of
 * the widget. Validation issues about the field show under it.
 */
import type { ParamSpec } from '../../engine/common/catalog.ts';
import { paramValueType } from '../../engine/common/catalog.ts';
import type { GraphNode } from '../../engine/common/graph/schema.ts';
import type { ValidationIssue } from '../../engine/common/validate/validate.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { TypedHandle } from './TypedHandle.tsx';
import { ParamWidget } from './widgets/ParamWidget.tsx';
import { paramLabel } from './widgets/types.ts';

interface ParamRowProps {
  nodeId: string;
  node: GraphNode;
  spec: ParamSpec;
  issues: readonly ValidationIssue[] | undefined;
}

export function ParamRow({ nodeId, node, spec, issues }: ParamRowProps) {
  const connection = node.inputs?.[spec.name];
  const value = node.params?.[spec.name] ?? spec.default;
  const invalid = issues !== undefined && issues.length > 0;
  return (
    <div className={`weft-param${invalid ? ' invalid' : ''}`} data-param={spec.name}>
      <TypedHandle kind="target" name={spec.name} valueType={paramValueType(spec)} small />
      {connection === undefined ? (
        <ParamWidget nodeId={nodeId} node={node} spec={spec} value={value} invalid={invalid} />
      ) : (
        <div className="weft-param-connected">
          <span className="weft-param-label">{paramLabel(spec)}</span>
          <span className="weft-param-source" title="This param takes its value from a connection">
            ← {connection}
          </span>
          <button
            type="button"
            className="weft-icon-button nodrag"
            aria-label={`Disconnect ${paramLabel(spec)}`}
            title="Disconnect (use the value typed here again)"
            onClick={() => useGraphStore.getState().disconnect(nodeId, spec.name)}
          >
            ×
          </button>
        </div>
      )}
      {issues?.map((issue) => (
        <div
          key={`${issue.code}:${issue.message}`}
          className={`weft-field-issue ${issue.severity}`}
          role="note"
        >
          {issue.message}
        </div>
      ))}
    </div>
  );
}
