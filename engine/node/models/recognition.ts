/** What recognising a model yields; stored in manifests, so JSON-friendly. */
import type { ModelFamily, ModelKind } from './kinds.ts';

export type DetailValue = string | number | boolean | null | string[] | number[];
export type ModelDetails = Record<string, DetailValue>;

export interface Recognition {
  family: ModelFamily;
  /** The kind the family belongs to; undefined for a generic model (it keeps its folder's kind). */
  kind: ModelKind | undefined;
  /** Within a family: 'sd1', 'sdxl-turbo', 'vs-mlrt-11', 'spectrum', … */
  variant?: string;
  /** Facts a loader or a person needs: widths, scaling factor, sample rate, … */
  details: ModelDetails;
  /** What stops it from working as recognised (missing files, wrong I/O), written for artists. */
  problems: string[];
  /** Worth knowing, not blocking. */
  notes: string[];
}

export function recognition(
  family: ModelFamily,
  kind: ModelKind | undefined,
  details: ModelDetails,
  extra: { variant?: string; problems?: string[]; notes?: string[] } = {},
): Recognition {
  return {
    family,
    kind,
    ...(extra.variant !== undefined ? { variant: extra.variant } : {}),
    details,
    problems: extra.problems ?? [],
    notes: extra.notes ?? [],
  };
}

/**
 * Bumped when recognition changes, so manifests written by an older Weft
 * are recognised again (their hashes are still reused).
 */
export const RECOGNISER_VERSION = 2;
