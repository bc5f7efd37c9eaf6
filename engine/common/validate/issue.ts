/**
 * One validation finding, and the one order every list of them is sorted in:
 * graph-level issues first, then by node id, then by field (node-level issues
 * before field ones), then by code, then by message. Strings compare by code
 * unit, not locale, so the order is the same on every machine.
 */
import { ISSUE_CODE_LIST, ISSUE_CODES, type IssueCode, type IssueSeverity } from './codes.ts';
import { compareText } from './textOrder.ts';

export interface ValidationIssue {
  code: IssueCode;
  severity: IssueSeverity;
  /** The node it is about; absent for graph-level issues (graph inputs, targets). */
  nodeId?: string;
  /** The input, param or graph-level field it is about; absent for the node as a whole. */
  field?: string;
  /** One sentence an artist can act on. */
  message: string;
}

export interface IssuePlace {
  nodeId?: string;
  field?: string;
}

/** An issue with its code's severity; absent place fields are left out, not set to undefined. */
export function createIssue(
  code: IssueCode,
  message: string,
  place: IssuePlace = {},
): ValidationIssue {
  const issue: ValidationIssue = { code, severity: ISSUE_CODES[code].severity, message };
  if (place.nodeId !== undefined) issue.nodeId = place.nodeId;
  if (place.field !== undefined) issue.field = place.field;
  return issue;
}

export function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  return (
    compareOptional(a.nodeId, b.nodeId) ||
    compareOptional(a.field, b.field) ||
    ISSUE_CODE_LIST.indexOf(a.code) - ISSUE_CODE_LIST.indexOf(b.code) ||
    compareText(a.message, b.message)
  );
}

/** Absent sorts first. */
function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return compareText(a, b);
}
