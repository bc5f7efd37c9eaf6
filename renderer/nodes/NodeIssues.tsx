/** Validation issues about the node as a whole, or about its ports and unknown fields. */
import type { ValidationIssue } from '../../engine/common/validate/validate.ts';

export function NodeIssues({ issues }: { issues: readonly ValidationIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="weft-node-issues" data-testid="node-issues">
      {issues.map((issue) => (
        <li
          key={`${issue.code}:${issue.field ?? ''}:${issue.message}`}
          className={issue.severity}
          data-code={issue.code}
        >
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
