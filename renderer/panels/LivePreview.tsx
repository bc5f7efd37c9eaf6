/**
 * The sampler's live preview: the small RGB image of a node-progress event,
 * drawn into a canvas (scaled up by CSS) and redrawn as new ones arrive.
 */
import { useEffect, useRef } from 'react';
import { previewToRgba } from './media.ts';

export function LivePreview({
  nodeId,
  preview,
}: {
  nodeId: string;
  preview: { width: number; height: number; rgb: string };
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    const rgba = previewToRgba(preview);
    if (!element || !context || !rgba) return;
    context.putImageData(new ImageData(rgba, preview.width, preview.height), 0, 0);
  }, [preview]);
  return (
    <canvas
      ref={canvas}
      className="weft-live-preview"
      data-testid="node-live-preview"
      data-node-id={nodeId}
      width={preview.width}
      height={preview.height}
      role="img"
      aria-label={`Live preview of ${nodeId}`}
    />
  );
}
