/** An enum param: a dropdown of its options (a value not among them is kept and marked). */
import { commitParam, endEdit } from './commit.ts';
import { paramLabel, type SpecOf, type WidgetProps } from './types.ts';

export function EnumWidget({ nodeId, spec, value, invalid }: WidgetProps<SpecOf<'enum'>>) {
  const current = String(value);
  const known = spec.options.includes(current);
  return (
    <label className="weft-field">
      <span className="weft-param-label" title={spec.description ?? paramLabel(spec)}>
        {paramLabel(spec)}
      </span>
      <select
        className={`nodrag${invalid || !known ? ' invalid' : ''}`}
        data-testid={`param-${spec.name}`}
        aria-label={paramLabel(spec)}
        value={current}
        onChange={(event) => {
          commitParam(nodeId, spec.name, event.target.value);
          endEdit();
        }}
      >
        {!known && <option value={current}>{current} (not an option)</option>}
        {spec.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
