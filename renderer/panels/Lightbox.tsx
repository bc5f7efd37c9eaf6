/**
 * A batch of images, one at a time and large, over the whole window: arrows
 * (buttons or ←/→ keys) step through the batch, Escape or the backdrop
 * closes it and focus goes back where it was. Rendered into document.body
 * so a node's zoom transform does not shrink it.
 */
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { fileName } from './media.ts';
import { fileUrl } from './fileUrl.ts';
import './panels.css';

export interface LightboxProps {
  files: readonly string[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

export function Lightbox({ files, index, onIndex, onClose }: LightboxProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const count = files.length;
  const path = files[Math.min(index, count - 1)];
  const step = (delta: number) => onIndex((index + delta + count) % count);

  useEffect(() => {
    const previouslyFocused =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => previouslyFocused?.focus();
  }, []);

  // Keys on the window (capture phase), so they work wherever focus is and the
  // canvas behind does not also act on them (arrows nudging nodes, Escape deselecting).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
      else if (event.key === 'ArrowRight' && count > 1) onIndex((index + 1) % count);
      else if (event.key === 'ArrowLeft' && count > 1) onIndex((index - 1 + count) % count);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [index, count, onIndex, onClose]);

  if (path === undefined) return null;
  const url = fileUrl(path);
  return createPortal(
    <div
      ref={dialog}
      className="weft-lightbox"
      data-testid="lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={`Output ${index + 1} of ${count}: ${fileName(path)}`}
      tabIndex={-1}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="weft-lightbox-bar">
        <span data-testid="lightbox-caption">
          {fileName(path)}
          {count > 1 && ` · ${index + 1} / ${count}`}
        </span>
        <span className="spacer" />
        {url && (
          <a
            className="weft-button small"
            href={url}
            target="_blank"
            rel="noreferrer"
            download={fileName(path)}
          >
            Download
          </a>
        )}
        <button
          type="button"
          className="weft-button small"
          data-testid="lightbox-close"
          onClick={onClose}
        >
          Close
        </button>
      </div>
      <div
        className="weft-lightbox-stage"
        onClick={(event) => {
          if (event.target === event.currentTarget) onClose();
        }}
      >
        {count > 1 && (
          <button
            type="button"
            className="weft-button weft-lightbox-arrow previous"
            data-testid="lightbox-previous"
            aria-label="Previous image"
            onClick={() => step(-1)}
          >
            ‹
          </button>
        )}
        {url && (
          <img
            key={path}
            src={url}
            alt={fileName(path)}
            data-testid="lightbox-image"
            data-path={path}
            onLoad={(event) => {
              const image = event.currentTarget;
              const scale = Math.min(
                image.clientWidth / image.naturalWidth,
                image.clientHeight / image.naturalHeight,
              );
              image.dataset.upscaled = String(scale >= 2);
            }}
          />
        )}
        {count > 1 && (
          <button
            type="button"
            className="weft-button weft-lightbox-arrow next"
            data-testid="lightbox-next"
            aria-label="Next image"
            onClick={() => step(1)}
          >
            ›
          </button>
        )}
      </div>
    </div>,
    document.body,
  );
}
