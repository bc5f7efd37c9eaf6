/** A bounded number with a small range: a slider beside the exact value. One slide is one undo step. */
import type { CSSProperties } from 'react';
import { commitParam, endEdit } from './commit.ts';
import { NumberField } from './NumberWidget.tsx';
import { normalize, stepOf, type NumberSpec } from './numberMath.ts';
import { paramLabel, type WidgetProps } from './types.ts';

export function SliderWidget({ nodeId, spec, value, invalid }: WidgetProps<NumberSpec>) {
  if (spec.kind === 'seed') return null;
  const numeric = typeof value === 'number' ? value : spec.default;
  const min = spec.min ?? 0;
  const max = spec.max ?? 1;
  const fraction = max > min ? (numeric - min) / (max - min) : 0;
  return (
    <div className="weft-slider">
      <span className="weft-param-label" title={spec.description ?? paramLabel(spec)}>
        {paramLabel(spec)}
      </span>
      <input
        type="range"
        className="nodrag"
        aria-label={`${paramLabel(spec)} slider`}
        min={min}
        max={max}
        step={stepOf(spec)}
        value={numeric}
        style={{ '--fill': `${Math.round(fraction * 100)}%` } as CSSProperties}
        onChange={(event) =>
          commitParam(nodeId, spec.name, normalize(spec, Number(event.target.value)))
        }
        onPointerUp={endEdit}
        onKeyUp={endEdit}
      />
      <NumberField nodeId={nodeId} spec={spec} value={numeric} invalid={invalid} />
    </div>
  );
}
