/** A one-line string param. Typing in it is one undo step, ended when it loses focus. */
import { commitParam, endEdit } from './commit.ts';
import { paramLabel, type SpecOf, type WidgetProps } from './types.ts';
import { useDraft } from './useDraft.ts';

export function TextWidget({ nodeId, spec, value, invalid }: WidgetProps<SpecOf<'string'>>) {
  const [draft, setDraft] = useDraft(String(value));
  return (
    <label className="weft-field">
      <span className="weft-param-label" title={spec.description ?? paramLabel(spec)}>
        {paramLabel(spec)}
      </span>
      <input
        className={`nodrag${invalid ? ' invalid' : ''}`}
        data-testid={`param-${spec.name}`}
        aria-label={paramLabel(spec)}
        placeholder={spec.placeholder}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          commitParam(nodeId, spec.name, event.target.value);
        }}
        onBlur={endEdit}
      />
    </label>
  );
}
