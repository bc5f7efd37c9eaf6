/**
 * A small toolbar above a selected node: the node commands that otherwise
 * live only on the keyboard (bypass, mute, collapse, duplicate, rename,
 * delete), each acting on the whole selection, as the shortcuts do.
 */
import { NodeToolbar, Position } from '@xyflow/react';
import { COMMANDS } from '../app/commands.ts';
import type { ShortcutId } from '../app/shortcuts.ts';
import type { NodeMode } from '../graph/nodeUi.ts';

const ACTIONS: { id: ShortcutId; label: string; text: string; testId: string }[] = [
  { id: 'bypass', label: 'Bypass (Ctrl+B)', text: 'Bypass', testId: 'node-action-bypass' },
  { id: 'mute', label: 'Mute (Ctrl+M)', text: 'Mute', testId: 'node-action-mute' },
  { id: 'collapse', label: 'Collapse (Alt+C)', text: 'Collapse', testId: 'node-action-collapse' },
  {
    id: 'duplicate',
    label: 'Duplicate (Ctrl+D)',
    text: 'Duplicate',
    testId: 'node-action-duplicate',
  },
  { id: 'rename', label: 'Rename id (F2)', text: 'Rename', testId: 'node-action-rename' },
  { id: 'delete', label: 'Delete (Del)', text: 'Delete', testId: 'node-action-delete' },
];

export function NodeActions({ mode }: { mode: NodeMode | undefined }) {
  return (
    <NodeToolbar position={Position.Top} className="weft-node-actions" align="end">
      {ACTIONS.map((action) => (
        <button
          key={action.id}
          type="button"
          className={`weft-node-action${mode === action.id ? ' on' : ''}`}
          title={action.label}
          aria-label={action.label}
          data-testid={action.testId}
          onClick={() => COMMANDS[action.id]()}
        >
          {action.text}
        </button>
      ))}
    </NodeToolbar>
  );
}
