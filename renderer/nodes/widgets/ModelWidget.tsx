/**
 * A model param: the library's models of its kind (the catalog's `options`).
 * A saved name the library does not have is kept, marked missing (the
 * missing-models dialog offers to fetch it).
 */
import { commitParam, endEdit } from './commit.ts';
import { paramLabel, type SpecOf, type WidgetProps } from './types.ts';

export function ModelWidget({ nodeId, spec, value, invalid }: WidgetProps<SpecOf<'model'>>) {
  const current = String(value);
  const options = spec.options ?? [];
  const missing = current !== '' && !options.includes(current);
  return (
    <label className="weft-field">
      <span
        className="weft-param-label"
        title={spec.description ?? `A ${spec.modelKind} model from the library`}
      >
        {paramLabel(spec)}
      </span>
      <select
        className={`nodrag${invalid || missing ? ' invalid' : ''}`}
        data-testid={`param-${spec.name}`}
        aria-label={paramLabel(spec)}
        value={current}
        onChange={(event) => {
          commitParam(nodeId, spec.name, event.target.value);
          endEdit();
        }}
      >
        {current === '' && <option value="">Choose a {spec.modelKind} model…</option>}
        {missing && <option value={current}>{current} (missing)</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      {options.length === 0 && (
        <span className="weft-hint">No {spec.modelKind} models in the library yet.</span>
      )}
    </label>
  );
}
