/**
 * Multiline text (prompts, templates, notes), with the attention syntax
 * highlighted as it is typed: a backdrop under a transparent textarea draws
 * "(word:1.3)" warm and "[word]" cool, stronger the further from 1 the weight
 * is. The textarea stays a plain textarea (selection, IME, spellcheck).
 */
import { memo, useRef, type CSSProperties } from 'react';
import { commitParam, endEdit } from './commit.ts';
import { highlightPrompt } from './promptHighlight.ts';
import { paramLabel, type SpecOf, type WidgetProps } from './types.ts';
import { useDraft } from './useDraft.ts';

function weightStyle(weight: number): CSSProperties | undefined {
  if (weight === 1) return undefined;
  const strength = Math.min(1, Math.abs(Math.log(weight)) / Math.log(1.6));
  const alpha = (0.15 + 0.45 * strength).toFixed(2);
  return {
    background: weight > 1 ? `rgba(232, 160, 64, ${alpha})` : `rgba(90, 150, 230, ${alpha})`,
  };
}

const Backdrop = memo(function Backdrop({ text }: { text: string }) {
  return (
    <>
      {highlightPrompt(text).map((span, index) => (
        <span
          key={index}
          className={`weft-prompt-${span.kind}`}
          style={weightStyle(span.weight)}
          title={span.weight !== 1 ? `weight ${span.weight}` : undefined}
        >
          {span.text}
        </span>
      ))}
      {/* A trailing newline needs a character after it to take up a line. */}
      {text.endsWith('\n') ? ' ' : null}
    </>
  );
});

export function PromptWidget({ nodeId, spec, value, invalid }: WidgetProps<SpecOf<'string'>>) {
  const [draft, setDraft] = useDraft(String(value));
  const backdrop = useRef<HTMLDivElement>(null);
  return (
    <div className="weft-prompt-field">
      <span className="weft-param-label" title={spec.description ?? paramLabel(spec)}>
        {paramLabel(spec)}
      </span>
      <div className={`weft-prompt${invalid ? ' invalid' : ''}`}>
        <div className="weft-prompt-backdrop" ref={backdrop} aria-hidden="true">
          <Backdrop text={draft} />
        </div>
        <textarea
          className="nodrag nowheel"
          data-testid={`param-${spec.name}`}
          aria-label={paramLabel(spec)}
          placeholder={spec.placeholder}
          spellCheck={false}
          value={draft}
          rows={4}
          onChange={(event) => {
            setDraft(event.target.value);
            commitParam(nodeId, spec.name, event.target.value);
          }}
          onScroll={(event) => {
            if (backdrop.current) backdrop.current.scrollTop = event.currentTarget.scrollTop;
          }}
          onBlur={endEdit}
        />
      </div>
    </div>
  );
}
