/**
 * One node on the canvas, built from its catalog definition alone: header,
 * ports, a widget per param, validation issues, the run error and the
 * outputs (NodeOutputs, from the panels). Memoized: React Flow hands it a new
 * `data` object only when the node's graph object changed (canvas/toFlow.ts),
 * and run state is read per node, so one node's change re-renders one node.
 */
import { NodeResizeControl, type NodeProps } from '@xyflow/react';
import { memo, useMemo, type CSSProperties } from 'react';
import type { ValidationIssue } from '../../engine/common/validate/validate.ts';
import type { WeftFlowNode } from '../canvas/flowTypes.ts';
import { useDetailLevel } from '../canvas/useDetailLevel.ts';
import { isCollapsed, nodeMode } from '../graph/nodeUi.ts';
import { NodeOutputs } from '../panels/index.ts';
import { useRunStore } from '../state/runStore.ts';
import { nodeAccent, nodeTitle } from './nodeLabel.ts';
import { CompactParam } from './CompactParam.tsx';
import { NodeActions } from './NodeActions.tsx';
import { NodeHeader } from './NodeHeader.tsx';
import { NodeIssues } from './NodeIssues.tsx';
import { ParamRow } from './ParamRow.tsx';
import { PlaceholderBody } from './PlaceholderBody.tsx';
import { PortRows } from './PortRows.tsx';
import { RunError } from './RunError.tsx';
import { sameNodeProps } from './sameNodeProps.ts';
import { TypedHandle } from './TypedHandle.tsx';

const NO_ISSUES: readonly ValidationIssue[] = [];
export const MIN_NODE_WIDTH = 200;

function NodeViewImpl({ id, data, selected }: NodeProps<WeftFlowNode>) {
  const { node, definition, placeholderOutputs } = data;
  const status = useRunStore((store) => store.nodes[id]?.status);
  const issues = useRunStore((store) => store.issuesByNode[id]) ?? NO_ISSUES;
  const collapsed = isCollapsed(node);
  const mode = nodeMode(node);
  // Handles re-measured when this changes: canvas/useHandlesFollowDetail.ts.
  const detail = useDetailLevel();

  const { byField, general, flagged } = useMemo(() => {
    const paramNames = new Set(definition?.params.map((param) => param.name));
    const fields = new Map<string, ValidationIssue[]>();
    const rest: ValidationIssue[] = [];
    for (const issue of issues) {
      if (issue.field !== undefined && paramNames.has(issue.field)) {
        fields.set(issue.field, [...(fields.get(issue.field) ?? []), issue]);
      } else {
        rest.push(issue);
      }
    }
    return {
      byField: fields,
      general: rest,
      flagged: new Set(rest.map((issue) => issue.field).filter((field) => field !== undefined)),
    };
  }, [issues, definition]);

  const hasError = issues.some((issue) => issue.severity === 'error');
  const className = [
    'weft-node',
    node.ui?.width === undefined ? 'default-width' : '',
    selected ? 'selected' : '',
    collapsed ? 'collapsed' : '',
    mode ?? '',
    definition ? '' : 'placeholder',
    status ? `run-${status}` : '',
    detail === 'full' ? '' : detail,
    hasError ? 'has-issues' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const accent = nodeAccent(node, definition);
  const title = nodeTitle(node, definition);

  return (
    <div
      className={className}
      data-node-id={id}
      data-node-type={node.type}
      data-testid="node"
      style={{ '--accent': accent } as CSSProperties}
      title={collapsed ? (definition?.description ?? node.type) : undefined}
    >
      {selected && detail === 'full' && <NodeActions mode={mode} />}
      {selected && !collapsed && detail === 'full' && (
        <NodeResizeControl
          position="right"
          resizeDirection="horizontal"
          minWidth={MIN_NODE_WIDTH}
          className="weft-resize-control"
        />
      )}
      <NodeHeader nodeId={id} title={title} collapsed={collapsed} mode={mode} />
      {collapsed ? (
        <CollapsedHandles data={data} />
      ) : (
        <div className="weft-node-body">
          {definition ? (
            <>
              <PortRows
                node={node}
                inputs={definition.inputs}
                outputs={definition.outputs}
                flagged={flagged}
              />
              {definition.params.map((spec) =>
                detail !== 'full' ? (
                  <CompactParam
                    key={spec.name}
                    node={node}
                    spec={spec}
                    invalid={byField.has(spec.name)}
                  />
                ) : (
                  <ParamRow
                    key={spec.name}
                    nodeId={id}
                    node={node}
                    spec={spec}
                    issues={byField.get(spec.name)}
                  />
                ),
              )}
            </>
          ) : (
            <PlaceholderBody node={node} outputs={placeholderOutputs} />
          )}
          <NodeIssues issues={general} />
          <RunError nodeId={id} />
          <NodeOutputs nodeId={id} />
        </div>
      )}
    </div>
  );
}

/** A collapsed node keeps every handle (stacked at its edges) so its wires stay drawn. */
function CollapsedHandles({ data }: { data: WeftFlowNode['data'] }) {
  const { node, definition, placeholderOutputs } = data;
  const inputs = definition
    ? [
        ...definition.inputs.map((port) => port.name),
        ...definition.params.map((param) => param.name),
      ]
    : Object.keys(node.inputs ?? {});
  const outputs = definition ? definition.outputs.map((port) => port.name) : placeholderOutputs;
  return (
    <div className="weft-collapsed-handles">
      {inputs.map((name) => (
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

export const NodeView = memo(NodeViewImpl, sameNodeProps);
