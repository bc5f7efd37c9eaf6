/**
 * The title bar: the title (double-click to retitle), the node id
 * (double-click to rename it, which updates every reference), mode badges,
 * the run badge and the collapse toggle. Collapsed nodes show only this bar.
 */
import { useState, type KeyboardEvent } from 'react';
import type { NodeMode } from '../graph/nodeUi.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { notify } from '../state/toastStore.ts';
import { useUiStore } from '../state/uiStore.ts';
import { RunBadge } from './RunBadge.tsx';

interface NodeHeaderProps {
  nodeId: string;
  title: string;
  collapsed: boolean;
  mode: NodeMode | undefined;
}

function RenameField({ nodeId }: { nodeId: string }) {
  const [text, setText] = useState(nodeId);
  const finish = (apply: boolean) => {
    useUiStore.getState().setRenaming(undefined);
    if (!apply || text.trim() === nodeId) return;
    const problem = useGraphStore.getState().renameNode(nodeId, text);
    if (problem) notify('error', problem);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') finish(true);
    if (event.key === 'Escape') finish(false);
  };
  return (
    <input
      className="weft-rename nodrag"
      aria-label="Node id"
      data-testid="rename-input"
      autoFocus
      value={text}
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true)}
    />
  );
}

/** The node's title (`title` in the file; empty goes back to the type's title). */
function TitleField({
  nodeId,
  title,
  onDone,
}: {
  nodeId: string;
  title: string;
  onDone: () => void;
}) {
  const [text, setText] = useState(title);
  const finish = (apply: boolean) => {
    onDone();
    if (apply && text !== title) useGraphStore.getState().setTitle(nodeId, text);
  };
  return (
    <input
      className="weft-rename nodrag"
      aria-label="Node title"
      data-testid="title-input"
      autoFocus
      value={text}
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(true);
        if (event.key === 'Escape') finish(false);
      }}
      onBlur={() => finish(true)}
    />
  );
}

export function NodeHeader({ nodeId, title, collapsed, mode }: NodeHeaderProps) {
  const renaming = useUiStore((state) => state.renaming === nodeId);
  const [editingTitle, setEditingTitle] = useState(false);
  return (
    <div className="weft-node-header">
      <button
        type="button"
        className="weft-collapse nodrag"
        aria-label={collapsed ? `Expand ${nodeId}` : `Collapse ${nodeId}`}
        aria-expanded={!collapsed}
        onClick={() => useGraphStore.getState().toggleCollapsed([nodeId])}
      >
        {collapsed ? '▸' : '▾'}
      </button>
      {editingTitle ? (
        <TitleField nodeId={nodeId} title={title} onDone={() => setEditingTitle(false)} />
      ) : (
        <span
          className="weft-node-title"
          title={`${title} (double-click to retitle)`}
          onDoubleClick={(event) => {
            event.stopPropagation();
            setEditingTitle(true);
          }}
        >
          {title}
        </span>
      )}
      {renaming ? (
        <RenameField nodeId={nodeId} />
      ) : (
        <span
          className="weft-node-id"
          title="Node id (double-click to rename)"
          data-testid="node-id"
          onDoubleClick={(event) => {
            event.stopPropagation();
            useUiStore.getState().setRenaming(nodeId);
          }}
        >
          {nodeId}
        </span>
      )}
      {mode && (
        <span className={`weft-mode-badge ${mode}`}>
          {mode === 'bypass' ? 'bypassed' : 'muted'}
        </span>
      )}
      <RunBadge nodeId={nodeId} />
    </div>
  );
}
