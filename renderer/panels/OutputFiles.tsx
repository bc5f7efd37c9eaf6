/**
 * A list of output files shown by kind: images as thumbnails that open the
 * lightbox (one large image when there is only one), audio and video with
 * the browser's players, anything else as a link. Used on nodes and in the
 * history panel.
 */
import { useState, type CSSProperties } from 'react';
import { Lightbox } from './Lightbox.tsx';
import { fileName, mediaKind } from './media.ts';
import { fileUrl } from './fileUrl.ts';

export interface OutputFilesProps {
  files: readonly string[];
  /** Marks the elements for tests: node outputs carry the node id. */
  nodeId?: string;
  /** The most thumbnails shown; the lightbox still steps through all. */
  maxThumbnails?: number;
  imageTestId?: string;
  /** Thumbnail columns; by default one large image, or a grid that grows with the batch. */
  columns?: number;
}

export function OutputFiles({
  files,
  nodeId,
  maxThumbnails = 16,
  imageTestId = 'output-image',
  columns: fixedColumns,
}: OutputFilesProps) {
  const [open, setOpen] = useState<number | undefined>();
  const images = files.filter((file) => mediaKind(file) === 'image');
  const audio = files.filter((file) => mediaKind(file) === 'audio');
  const video = files.filter((file) => mediaKind(file) === 'video');
  const other = files.filter((file) => mediaKind(file) === 'other');
  const shown = images.slice(0, maxThumbnails);
  const columns =
    fixedColumns ?? (shown.length <= 1 ? 1 : shown.length <= 4 ? 2 : shown.length <= 9 ? 3 : 4);

  return (
    <>
      {shown.length > 0 && (
        <div
          className={`weft-output-grid${columns === 1 ? ' single' : ''}`}
          style={{ '--columns': columns } as CSSProperties}
        >
          {shown.map((path, index) => {
            const url = fileUrl(path);
            return (
              <button
                key={path}
                type="button"
                className="weft-thumb"
                title={`${fileName(path)}: open large`}
                onClick={() => setOpen(index)}
              >
                {url && (
                  <img
                    src={url}
                    alt={fileName(path)}
                    loading="lazy"
                    draggable={false}
                    data-testid={imageTestId}
                    data-node-id={nodeId}
                    data-path={path}
                  />
                )}
              </button>
            );
          })}
        </div>
      )}
      {images.length > shown.length && (
        <button
          type="button"
          className="weft-link-button weft-more"
          onClick={() => setOpen(shown.length)}
        >
          +{images.length - shown.length} more
        </button>
      )}
      {audio.map((path) => (
        <figure key={path} style={{ margin: 0 }}>
          <audio
            controls
            preload="metadata"
            src={fileUrl(path)}
            data-testid="output-audio"
            data-node-id={nodeId}
            data-path={path}
          />
          <figcaption className="weft-more">{fileName(path)}</figcaption>
        </figure>
      ))}
      {video.map((path) => (
        <video
          key={path}
          controls
          preload="metadata"
          src={fileUrl(path)}
          data-testid="output-video"
          data-node-id={nodeId}
          data-path={path}
        />
      ))}
      {other.map((path) => (
        <a key={path} className="weft-more" href={fileUrl(path)} target="_blank" rel="noreferrer">
          {fileName(path)}
        </a>
      ))}
      {open !== undefined && images.length > 0 && (
        <Lightbox
          files={images}
          index={open}
          onIndex={setOpen}
          onClose={() => setOpen(undefined)}
        />
      )}
    </>
  );
}
