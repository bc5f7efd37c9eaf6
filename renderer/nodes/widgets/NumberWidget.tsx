/**
 * int and float params: type a value, press the arrows (or ↑/↓, Shift for
 * finer floats), or drag the label sideways. Values snap to the step and stay
 * inside min/max; a drag is one undo step.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { commitParam, endEdit } from './commit.ts';
import {
  decimalsOf,
  dragValue,
  normalize,
  nudge,
  parseTyped,
  stepOf,
  type NumberSpec,
} from './numberMath.ts';
import { paramLabel, type WidgetProps } from './types.ts';
import { useDraft } from './useDraft.ts';

export function formatNumber(spec: NumberSpec, value: number): string {
  return spec.kind === 'float'
    ? String(Number(value.toFixed(Math.max(decimalsOf(stepOf(spec)), 2))))
    : String(value);
}

export function NumberField({
  nodeId,
  spec,
  value,
  invalid,
}: {
  nodeId: string;
  spec: NumberSpec;
  value: number;
  invalid: boolean;
}) {
  const [draft, setDraft] = useDraft(formatNumber(spec, value));
  const set = (next: number) => {
    commitParam(nodeId, spec.name, next);
    setDraft(formatNumber(spec, next));
  };
  const apply = () => {
    const typed = parseTyped(draft);
    if (typed === undefined) setDraft(formatNumber(spec, value));
    else set(normalize(spec, typed));
    endEdit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.currentTarget.blur();
    if (event.key === 'Escape') {
      setDraft(formatNumber(spec, value));
      event.currentTarget.blur();
    }
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      set(nudge(spec, value, event.key === 'ArrowUp' ? 1 : -1, event.shiftKey));
    }
  };
  return (
    <input
      className={`weft-number-input nodrag${invalid ? ' invalid' : ''}`}
      data-testid={`param-${spec.name}`}
      aria-label={paramLabel(spec)}
      aria-invalid={invalid}
      inputMode="decimal"
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={apply}
      onKeyDown={onKeyDown}
    />
  );
}

export function NumberWidget({ nodeId, spec, value, invalid }: WidgetProps<NumberSpec>) {
  const numeric = typeof value === 'number' ? value : spec.default;
  const drag = useRef<{ x: number; start: number } | undefined>(undefined);
  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, start: numeric };
  };
  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    if (!drag.current) return;
    const next = dragValue(spec, drag.current.start, event.clientX - drag.current.x);
    if (next !== numeric) commitParam(nodeId, spec.name, next);
  };
  const onPointerUp = () => {
    drag.current = undefined;
    endEdit();
  };
  const step = (direction: 1 | -1) => {
    commitParam(nodeId, spec.name, nudge(spec, numeric, direction));
    endEdit();
  };
  return (
    <div className="weft-number">
      <span
        className="weft-param-label weft-drag-label nodrag"
        title={`${spec.description ?? paramLabel(spec)} (drag sideways to change)`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {paramLabel(spec)}
      </span>
      <button
        type="button"
        className="weft-arrow nodrag"
        aria-label={`Decrease ${paramLabel(spec)}`}
        onClick={() => step(-1)}
      >
        ‹
      </button>
      <NumberField nodeId={nodeId} spec={spec} value={numeric} invalid={invalid} />
      <button
        type="button"
        className="weft-arrow nodrag"
        aria-label={`Increase ${paramLabel(spec)}`}
        onClick={() => step(1)}
      >
        ›
      </button>
    </div>
  );
}
