/**
 * A graph's `models` list against the library: which are present, which are
 * missing, and which are present under the name but are another file (a
 * different sha256 or size). Feeds the "missing models" dialog and
 * `weft models verify GRAPH`.
 */
import type { ModelRequirement } from '../../common/graph/schema.ts';
import { isModelKind } from './kinds.ts';
import type { ModelEntry, ModelLibrary } from './library.ts';

export interface RequirementStatus {
  requirement: ModelRequirement;
  status: 'ok' | 'missing' | 'different' | 'unknown-kind';
  entry?: ModelEntry;
  /** For 'different': what differs, in a sentence. */
  message?: string;
}

/** `actualSha256` overrides the library's recorded hash (verify passes the recomputed one). */
export function checkRequirement(
  library: ModelLibrary,
  requirement: ModelRequirement,
  actualSha256?: (entry: ModelEntry) => string | undefined,
): RequirementStatus {
  if (!isModelKind(requirement.kind))
    return {
      requirement,
      status: 'unknown-kind',
      message: `"${requirement.kind}" is not a model kind Weft knows.`,
    };
  const entry = library.find(requirement.kind, requirement.name);
  if (!entry) return { requirement, status: 'missing' };
  const sha256 = actualSha256?.(entry) ?? entry.sha256;
  if (requirement.sha256 && sha256 && requirement.sha256 !== sha256)
    return {
      requirement,
      entry,
      status: 'different',
      message: `${entry.path} has sha256 ${sha256}, but the graph was made with ${requirement.sha256}.`,
    };
  if (requirement.size !== undefined && requirement.size !== entry.size)
    return {
      requirement,
      entry,
      status: 'different',
      message: `${entry.path} is ${entry.size} bytes, but the graph was made with a ${requirement.size}-byte file.`,
    };
  return { requirement, entry, status: 'ok' };
}
