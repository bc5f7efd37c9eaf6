/** A boolean param: a switch. */
import { commitParam, endEdit } from './commit.ts';
import { paramLabel, type SpecOf, type WidgetProps } from './types.ts';

export function BooleanWidget({ nodeId, spec, value }: WidgetProps<SpecOf<'boolean'>>) {
  const on = value === true;
  return (
    <label className="weft-field weft-boolean">
      <span className="weft-param-label" title={spec.description ?? paramLabel(spec)}>
        {paramLabel(spec)}
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label={paramLabel(spec)}
        data-testid={`param-${spec.name}`}
        className={`weft-switch nodrag${on ? ' on' : ''}`}
        onClick={() => {
          commitParam(nodeId, spec.name, !on);
          endEdit();
        }}
      >
        <span className="weft-switch-knob" />
      </button>
    </label>
  );
}
