/**
 * Validation issues split by where they pin: on a node (the canvas marks the
 * node and its field) or on the graph as a whole (graph inputs, run targets),
 * which the run controls list.
 */
import type { ValidationIssue } from '../../engine/common/validate/validate.ts';

export interface GroupedIssues {
  issuesByNode: Record<string, ValidationIssue[]>;
  graphIssues: ValidationIssue[];
}

export function groupIssues(issues: readonly ValidationIssue[]): GroupedIssues {
  const issuesByNode: Record<string, ValidationIssue[]> = {};
  const graphIssues: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.nodeId === undefined) graphIssues.push(issue);
    else (issuesByNode[issue.nodeId] ??= []).push(issue);
  }
  return { issuesByNode, graphIssues };
}

/** How many issues would stop a run (warnings do not). */
export function countErrors(grouped: GroupedIssues): number {
  let count = grouped.graphIssues.filter((issue) => issue.severity === 'error').length;
  for (const issues of Object.values(grouped.issuesByNode)) {
    count += issues.filter((issue) => issue.severity === 'error').length;
  }
  return count;
}
