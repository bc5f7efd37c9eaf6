/**
 * Issues as plain terminal lines, one per issue, without colour (the CLI adds
 * colour when its output is a terminal):
 *
 *   ✖ sampler › steps  PARAM_RANGE  Param "steps" of node "sampler" (…) must be between 1 and 150; it is 500.
 *   ⚠ sampler › eta  UNKNOWN_PARAM  …
 *   ✖ (graph) › inputs.seed  BAD_GRAPH_INPUT  …
 *
 * "(graph)" marks graph-level issues; it cannot be a node id, since ids
 * start with a letter.
 */
import type { ValidationIssue } from './issue.ts';

const MARKS = { error: '✖', warning: '⚠' } as const;

export function formatIssue(issue: ValidationIssue): string {
  const place = [issue.nodeId ?? '(graph)', ...(issue.field === undefined ? [] : [issue.field])];
  // Messages are one line by construction; this keeps a terminal line one line regardless.
  const message = issue.message.replace(/\s*[\r\n]+\s*/g, ' ');
  return `${MARKS[issue.severity]} ${place.join(' › ')}  ${issue.code}  ${message}`;
}

/** True when any issue is an error; warnings alone never block a run. */
export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
