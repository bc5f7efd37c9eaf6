/**
 * What loading a graph file gives back: the graph and what was upgraded on
 * the way, or one error whose message is written for the artist.
 */
import type { GraphFile } from './schema.ts';

export type GraphLoadErrorCode =
  'NOT_JSON' | 'TRUNCATED' | 'NOT_A_GRAPH' | 'NEWER_VERSION' | 'INVALID_GRAPH';

export interface GraphLoadIssue {
  /** Where in the file, e.g. "nodes.sampler.params.seed" or "groups[0].width". */
  path: string;
  message: string;
}

export interface GraphLoadError {
  code: GraphLoadErrorCode;
  message: string;
  /** 1-based, when the problem has a place in the text. */
  line?: number;
  column?: number;
  /** Every schema problem, for INVALID_GRAPH. */
  issues?: GraphLoadIssue[];
}

export type GraphLoadResult =
  { ok: true; graph: GraphFile; notes: string[] } | { ok: false; error: GraphLoadError };
