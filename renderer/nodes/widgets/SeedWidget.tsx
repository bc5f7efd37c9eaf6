/**
 * A seed: the number, a die to roll a new one now, and what happens after
 * each run (fixed, randomize, increment), kept in the node's `ui.seedModes`.
 */
import type { SeedMode } from '../../graph/nodeUi.ts';
import { SEED_MODES, seedMode } from '../../graph/nodeUi.ts';
import { SEED_LIMIT } from '../../graph/seeds.ts';
import { useGraphStore } from '../../state/graphStore.ts';
import { commitParam, endEdit } from './commit.ts';
import { NumberField } from './NumberWidget.tsx';
import { paramLabel, type SpecOf, type WidgetProps } from './types.ts';

/** Short, since they sit beside the number; the select's title says "after each run". */
const MODE_LABELS: Record<SeedMode, string> = {
  fixed: 'fixed',
  randomize: 'random',
  increment: '+1',
};

export function SeedWidget({ nodeId, node, spec, value, invalid }: WidgetProps<SpecOf<'seed'>>) {
  const numeric = typeof value === 'number' ? value : spec.default;
  const mode = seedMode(node, spec.name);
  return (
    <div className="weft-seed">
      <span className="weft-param-label" title={spec.description ?? paramLabel(spec)}>
        {paramLabel(spec)}
      </span>
      <NumberField nodeId={nodeId} spec={spec} value={numeric} invalid={invalid} />
      <button
        type="button"
        className="weft-icon-button nodrag"
        aria-label={`New random ${paramLabel(spec)}`}
        title="Roll a new random seed"
        onClick={() => {
          commitParam(nodeId, spec.name, Math.floor(Math.random() * SEED_LIMIT));
          endEdit();
        }}
      >
        ⚄
      </button>
      <select
        className="nodrag weft-seed-mode"
        aria-label={`${paramLabel(spec)} after each run`}
        data-testid={`seed-mode-${spec.name}`}
        title="What happens to the seed after each run"
        value={mode}
        onChange={(event) =>
          useGraphStore.getState().setSeedMode(nodeId, spec.name, event.target.value as SeedMode)
        }
      >
        {SEED_MODES.map((option) => (
          <option key={option} value={option}>
            {MODE_LABELS[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
