/**
 * A node's run error, pinned to it: the sentence to act on, and a details
 * expander with the code, the inputs it had and (for developers) the stack.
 */
import { useRunStore } from '../state/runStore.ts';

export function RunError({ nodeId }: { nodeId: string }) {
  const error = useRunStore((store) => store.nodes[nodeId]?.error);
  if (!error) return null;
  const inputs = Object.entries(error.inputs ?? {});
  return (
    <div className="weft-node-error nodrag" role="alert" data-testid="node-error">
      <p>{error.message}</p>
      <details>
        <summary>Details</summary>
        <dl>
          <dt>Code</dt>
          <dd>{error.code}</dd>
          {error.field && (
            <>
              <dt>Field</dt>
              <dd>{error.field}</dd>
            </>
          )}
          {inputs.map(([name, description]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{description}</dd>
            </div>
          ))}
        </dl>
        {error.stack && <pre className="nowheel">{error.stack}</pre>}
      </details>
    </div>
  );
}
