/**
 * The node palette: a search over the catalog (name, category, description,
 * port types), keyboard-first: type, ↑/↓ to move, Enter to add, Esc to
 * close. Opened from a dropped wire it lists only nodes that fit the wire and
 * connects the one chosen.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useCatalogStore } from '../state/catalogStore.ts';
import { useGraphStore } from '../state/graphStore.ts';
import { useUiStore, type PaletteRequest } from '../state/uiStore.ts';
import { categoryColor, valueTypeColor } from '../nodes/colors.ts';
import { searchNodes, type TypeFilter } from './search.ts';

const WIDTH = 380;
const MAX_HEIGHT = 420;

function PalettePanel({ request }: { request: PaletteRequest }) {
  const catalog = useCatalogStore((state) => state.catalog);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const close = () => useUiStore.getState().closePalette();

  const filter: TypeFilter | undefined = request.origin && {
    type: request.origin.type,
    needs: request.origin.kind === 'source' ? 'input' : 'output',
  };
  const results = useMemo(
    () => searchNodes(catalog?.nodes ?? [], query, filter),
    [catalog, query, request],
  );
  const current = Math.min(active, Math.max(0, results.length - 1));

  useEffect(() => {
    list.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const choose = (type: string | undefined) => {
    if (!type) return;
    close();
    useGraphStore.getState().addNode(type, request.flow, request.origin);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + results.length) % Math.max(1, results.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(results[current]?.type);
    } else if (event.key === 'Escape' || (event.key === 'Tab' && query === '')) {
      event.preventDefault();
      close();
    }
  };

  const left = Math.max(8, Math.min(request.screen.x, window.innerWidth - WIDTH - 8));
  const top = Math.max(8, Math.min(request.screen.y, window.innerHeight - MAX_HEIGHT - 60));

  return (
    <div className="weft-palette-backdrop" onPointerDown={close}>
      <div
        className="weft-palette"
        role="dialog"
        aria-label="Add a node"
        data-testid="palette"
        style={{ left, top, width: WIDTH }}
        onPointerDown={(event) => event.stopPropagation()}
      >
        <input
          autoFocus
          className="weft-palette-input"
          data-testid="palette-input"
          aria-label="Search nodes"
          aria-controls="weft-palette-list"
          aria-activedescendant={results[current] ? `palette-item-${current}` : undefined}
          placeholder={
            filter
              ? `Nodes that ${filter.needs === 'input' ? 'take' : 'give'} ${filter.type}…`
              : 'Add a node…'
          }
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        {filter && (
          <div className="weft-palette-filter">
            <span className="weft-type-dot" style={{ background: valueTypeColor(filter.type) }} />
            {filter.needs === 'input' ? `Takes ${filter.type}` : `Gives ${filter.type}`}
          </div>
        )}
        <ul
          id="weft-palette-list"
          role="listbox"
          ref={list}
          className="weft-palette-list"
          style={{ maxHeight: MAX_HEIGHT }}
        >
          {results.map((definition, index) => (
            <li
              key={definition.type}
              id={`palette-item-${index}`}
              role="option"
              aria-selected={index === current}
              data-index={index}
              data-testid="palette-item"
              data-node-type={definition.type}
              className={index === current ? 'active' : undefined}
              onPointerEnter={() => setActive(index)}
              onClick={() => choose(definition.type)}
            >
              <span
                className="weft-palette-category"
                style={{ color: categoryColor(definition.category) }}
              >
                {definition.category}
              </span>
              <span className="weft-palette-title">{definition.title}</span>
              <span className="weft-palette-type">{definition.type}</span>
              <span className="weft-palette-description">{definition.description}</span>
            </li>
          ))}
          {results.length === 0 && (
            <li className="weft-palette-empty">
              {catalog
                ? `No node matches "${query}".`
                : 'The node list has not arrived from the engine yet.'}
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}

export function Palette() {
  const request = useUiStore((state) => state.palette);
  // A new request (another place, another wire) starts a fresh search.
  return request ? (
    <PalettePanel key={`${request.screen.x},${request.screen.y}`} request={request} />
  ) : null;
}
