/**
 * The open graph's `models` list against the engine's library (models.list):
 * which are there, which are missing, and which are there under the name but
 * are another file. The same rules as the engine's own check
 * (engine/node/models/requirements.ts): kind and name decide the match
 * (".onnx" at the end of the name is optional), then sha256 and size, when
 * both sides know them, must agree. Pure.
 */
import type { ModelRequirement } from '../../engine/common/graph/schema.ts';
import { MODEL_KINDS } from '../../engine/common/models.ts';
import type { ModelListing } from '../../engine/common/protocol/messages.ts';

export type ModelCheckStatus = 'ok' | 'missing' | 'different' | 'unknown-kind';

export interface ModelCheck {
  requirement: ModelRequirement;
  status: ModelCheckStatus;
  listing?: ModelListing;
  /** For 'different' and 'unknown-kind': what is wrong, in a sentence. */
  message?: string;
}

const withoutExtension = (name: string) => name.replace(/\.onnx$/i, '');

export function checkModel(
  requirement: ModelRequirement,
  listings: readonly ModelListing[],
): ModelCheck {
  if (!(MODEL_KINDS as readonly string[]).includes(requirement.kind)) {
    return {
      requirement,
      status: 'unknown-kind',
      message: `"${requirement.kind}" is not a model kind Weft knows (${MODEL_KINDS.join(', ')}).`,
    };
  }
  const wanted = withoutExtension(requirement.name);
  const listing = listings.find(
    (candidate) =>
      candidate.kind === requirement.kind && withoutExtension(candidate.name) === wanted,
  );
  if (!listing) return { requirement, status: 'missing' };
  if (requirement.sha256 && listing.sha256 && requirement.sha256 !== listing.sha256) {
    return {
      requirement,
      listing,
      status: 'different',
      message: `The library's ${listing.name} (${listing.location}) is another file than the one this graph was made with (its sha256 differs).`,
    };
  }
  if (requirement.size !== undefined && requirement.size !== listing.sizeBytes) {
    return {
      requirement,
      listing,
      status: 'different',
      message: `The library's ${listing.name} is ${listing.sizeBytes} bytes, but this graph was made with a ${requirement.size}-byte file.`,
    };
  }
  return { requirement, listing, status: 'ok' };
}

export function checkModels(
  requirements: readonly ModelRequirement[] | undefined,
  listings: readonly ModelListing[],
): ModelCheck[] {
  return (requirements ?? []).map((requirement) => checkModel(requirement, listings));
}

/** The checks the dialog lists: everything not present as the graph wants it. */
export function needingAttention(checks: readonly ModelCheck[]): ModelCheck[] {
  return checks.filter((check) => check.status !== 'ok');
}

/** A stable key for a requirement (the dialog's rows, remembered dismissals). */
export function requirementKey(requirement: ModelRequirement): string {
  return `${requirement.kind}/${withoutExtension(requirement.name)}`;
}

/**
 * models.download's params for a requirement, or undefined when it says no
 * source. The download's `name` is the file name in `<library>/<kind>/`, and
 * the library calls `<name>.onnx` model `<name>`, so a requirement named
 * "rife_v4.6" is saved as "rife_v4.6.onnx" (the name nodes use).
 */
export function downloadParams(
  requirement: ModelRequirement,
): { url: string; kind: string; name: string; sha256?: string } | undefined {
  if (!requirement.url) return undefined;
  return {
    url: requirement.url,
    kind: requirement.kind,
    name: /\.onnx$/i.test(requirement.name) ? requirement.name : `${requirement.name}.onnx`,
    ...(requirement.sha256 ? { sha256: requirement.sha256 } : {}),
  };
}

export { formatBytes } from '../../engine/common/formatBytes.ts';
