/** What the overhead bench asks a worker to time, and what it gets back. */
import type { Repeats } from './stats.ts';

export const SUBJECTS = [
  'weft-no-cache',
  'weft-memory-cold',
  'rivet-custom-node',
  'rivet-code-node',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export interface ChainJob {
  subject: Subject;
  length: number;
  repeats: Repeats;
}

export interface ChainResult {
  subject: Subject;
  timesMs: number[];
  /** The chain's result on the last run (must equal the length). */
  value: number;
}
