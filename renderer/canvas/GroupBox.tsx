/**
 * A group box (the graph file's `groups`): a titled, tinted rectangle behind
 * nodes. Drag its title bar to move it with the nodes inside; resize it when
 * selected; double-click the title to rename it.
 */
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo, useState, type CSSProperties } from 'react';
import { useGraphStore } from '../state/graphStore.ts';
import type { GroupFlowNode } from './flowTypes.ts';

function GroupBoxImpl({ data, selected }: NodeProps<GroupFlowNode>) {
  const { group, index } = data;
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(group.title);
  const finish = (apply: boolean) => {
    setEditing(false);
    if (apply && title.trim() !== '' && title !== group.title) {
      useGraphStore.getState().updateGroup(index, { title: title.trim() });
    }
  };
  return (
    <div
      className={`weft-group${selected ? ' selected' : ''}`}
      data-testid="group"
      data-group-index={index}
      style={{ '--group-color': group.color ?? '#7d8aa3' } as CSSProperties}
    >
      <NodeResizer
        isVisible={selected}
        minWidth={120}
        minHeight={80}
        lineClassName="weft-group-resize-line"
        handleClassName="weft-group-resize-handle"
        onResizeEnd={() => useGraphStore.getState().endGesture()}
      />
      <div
        className="weft-group-title"
        onDoubleClick={() => {
          setTitle(group.title);
          setEditing(true);
        }}
      >
        {editing ? (
          <input
            className="nodrag"
            aria-label="Group title"
            data-testid="group-title-input"
            autoFocus
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') finish(true);
              if (event.key === 'Escape') finish(false);
            }}
            onBlur={() => finish(true)}
          />
        ) : (
          group.title
        )}
      </div>
    </div>
  );
}

export const GroupBox = memo(GroupBoxImpl);
