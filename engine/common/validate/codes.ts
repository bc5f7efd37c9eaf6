/**
 * The stable codes of graph validation issues. Tools, tests and docs match on
 * these strings, so a code is never renamed or reused for another meaning;
 * new codes are appended. The order here is also the tie-break order when two
 * issues fall on the same node and field.
 *
 * Validation codes:
 * - UNKNOWN_NODE_TYPE   error    The node's type is not installed; it is kept as a placeholder.
 * - NODE_VERSION_NEWER  warning  The node was saved by a newer version of its type than installed.
 * - CYCLE               error    Connections loop back: a node would need its own output.
 * - UNKNOWN_INPUT       error    A connection goes into a name that is neither an input nor a param.
 * - BAD_REFERENCE       error    A connection is not written "<nodeId>.<outputName>".
 * - DANGLING_REFERENCE  error    A connection comes from a node id that does not exist.
 * - UNKNOWN_OUTPUT      error    A connection comes from an output the source node does not have.
 * - TYPE_MISMATCH       error    A connection's value type does not fit the input or param it feeds.
 * - MISSING_INPUT       error    A required input is not connected.
 * - UNKNOWN_PARAM       warning  A param the node's type does not have; it is ignored.
 * - PARAM_TYPE          error    A param value has the wrong JSON type for its kind.
 * - PARAM_NOT_INTEGER   error    An int or seed param has a fractional value.
 * - PARAM_RANGE         error    A number param is outside its allowed min–max.
 * - PARAM_ENUM          error    An enum param is not one of its options.
 * - BAD_GRAPH_INPUT     error    A named graph input points at a node or param that does not exist.
 * - UNKNOWN_TARGET      error    A requested run target is not a node of the graph.
 *
 * Missing params are never an issue: the definition's defaults apply.
 */
export type IssueSeverity = 'error' | 'warning';

export interface IssueCodeInfo {
  readonly severity: IssueSeverity;
  /** One line, for `weft validate --codes` and the docs. */
  readonly meaning: string;
}

export const ISSUE_CODES = {
  UNKNOWN_NODE_TYPE: {
    severity: 'error',
    meaning: "The node's type is not installed; it is kept as a placeholder.",
  },
  NODE_VERSION_NEWER: {
    // A warning: the run can go ahead, and whatever the older definition
    // cannot read shows up as its own UNKNOWN_INPUT / UNKNOWN_PARAM issue.
    severity: 'warning',
    meaning: 'The node was saved by a newer version of its type than installed.',
  },
  CYCLE: {
    severity: 'error',
    meaning: 'Connections loop back: a node would need its own output.',
  },
  UNKNOWN_INPUT: {
    severity: 'error',
    meaning: 'A connection goes into a name that is neither an input nor a param.',
  },
  BAD_REFERENCE: {
    severity: 'error',
    meaning: 'A connection is not written "<nodeId>.<outputName>".',
  },
  DANGLING_REFERENCE: {
    severity: 'error',
    meaning: 'A connection comes from a node id that does not exist.',
  },
  UNKNOWN_OUTPUT: {
    severity: 'error',
    meaning: 'A connection comes from an output the source node does not have.',
  },
  TYPE_MISMATCH: {
    severity: 'error',
    meaning: "A connection's value type does not fit the input or param it feeds.",
  },
  MISSING_INPUT: { severity: 'error', meaning: 'A required input is not connected.' },
  UNKNOWN_PARAM: {
    severity: 'warning',
    meaning: "A param the node's type does not have; it is ignored.",
  },
  PARAM_TYPE: {
    severity: 'error',
    meaning: 'A param value has the wrong JSON type for its kind.',
  },
  PARAM_NOT_INTEGER: {
    severity: 'error',
    meaning: 'An int or seed param has a fractional value.',
  },
  PARAM_RANGE: { severity: 'error', meaning: 'A number param is outside its allowed min–max.' },
  PARAM_ENUM: { severity: 'error', meaning: 'An enum param is not one of its options.' },
  BAD_GRAPH_INPUT: {
    severity: 'error',
    meaning: 'A named graph input points at a node or param that does not exist.',
  },
  UNKNOWN_TARGET: {
    severity: 'error',
    meaning: 'A requested run target is not a node of the graph.',
  },
} as const satisfies Record<string, IssueCodeInfo>;

export type IssueCode = keyof typeof ISSUE_CODES;

/** Every code, in declaration order. */
export const ISSUE_CODE_LIST: readonly IssueCode[] = Object.keys(ISSUE_CODES) as IssueCode[];
