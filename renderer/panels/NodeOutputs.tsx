/**
 * What a node shows of its run, mounted by the canvas inside each node: a
 * progress bar (step/total) and the live preview while it runs, then the
 * files it wrote (images, audio, video). Interactive parts carry React
 * Flow's `nodrag`/`nowheel` so clicking a thumbnail or a player does not
 * drag the node or zoom the canvas.
 */
import { useRunStore } from '../state/runStore.ts';
import { LivePreview } from './LivePreview.tsx';
import { OutputFiles } from './OutputFiles.tsx';
import './panels.css';

export function NodeOutputs({ nodeId }: { nodeId: string }) {
  const node = useRunStore((state) => state.nodes[nodeId]);
  if (!node) return null;
  const running = node.status === 'running';
  const hasProgress = running && node.total !== undefined && node.total > 0;
  const files = node.files ?? [];
  if (!hasProgress && !(running && node.preview) && files.length === 0) return null;

  const fraction = hasProgress ? Math.min(1, Math.max(0, (node.step ?? 0) / node.total!)) : 0;
  return (
    <div
      className="weft-node-outputs nodrag nowheel"
      data-testid="node-outputs"
      data-node-id={nodeId}
    >
      {hasProgress && (
        <>
          <div
            className="weft-progress"
            data-testid="node-progress"
            data-node-id={nodeId}
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={node.total}
            aria-valuenow={node.step ?? 0}
            aria-label={`${nodeId} progress`}
          >
            <div style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
          </div>
          <span className="weft-progress-label">
            {node.step ?? 0} / {node.total}
          </span>
        </>
      )}
      {running && node.preview && <LivePreview nodeId={nodeId} preview={node.preview} />}
      {!running && files.length > 0 && (
        <OutputFiles files={files} nodeId={nodeId} imageTestId="node-output-image" />
      )}
    </div>
  );
}
