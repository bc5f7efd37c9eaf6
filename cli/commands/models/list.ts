/** `weft models list [--kind K] [--json]`: every model the library finds, and what it is. */
import { FAMILY_TITLES, isModelKind, MODEL_KINDS } from '../../../engine/node/models/kinds.ts';
import type { ModelEntry, ModelSource } from '../../../engine/node/models/library.ts';
import { parseFlags } from '../../args.ts';
import type { CliIo } from '../../io.ts';
import { EXIT, UsageError } from '../../io.ts';
import { formatBytes, table } from './format.ts';
import { hashProgress } from './hashProgress.ts';
import { openLibrary } from './openLibrary.ts';

export async function modelsListCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    kind: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0)
    throw new UsageError(`weft models list takes no file names (got "${positionals[0]}").`);
  const kind = values.kind;
  if (kind !== undefined && (typeof kind !== 'string' || !isModelKind(kind)))
    throw new UsageError(
      `--kind must be one of ${MODEL_KINDS.join(', ')} (got "${String(kind)}").`,
    );

  const library = await openLibrary(io);
  const progress = hashProgress(io);
  await library.scan({ onProgress: progress.onProgress, signal: io.signal });
  progress.done();
  const entries = library.list(kind);
  if (values.json) {
    io.stdout(JSON.stringify(entries, null, 2) + '\n');
    return EXIT.ok;
  }
  const root = library.sources[0]!.root;
  if (entries.length === 0) {
    io.stdout(
      `No ${kind ? `${kind} ` : ''}models yet. Put them in ${root}/<kind>/ or download one: weft models download URL --kind ${kind ?? 'KIND'}\n`,
    );
    return EXIT.ok;
  }
  io.stdout(
    table([
      ['KIND', 'NAME', 'FAMILY', 'SIZE', 'WHERE'],
      ...entries.map((entry) => [
        entry.kind,
        entry.name,
        familyLabel(entry),
        formatBytes(entry.size),
        where(entry.source) + (entry.shadowed ? ' (hidden by an earlier one)' : ''),
      ]),
    ]),
  );
  const troubled = entries.filter((entry) => entry.problems.length > 0);
  if (troubled.length > 0) {
    io.stdout('\n');
    for (const entry of troubled)
      for (const problem of entry.problems)
        io.stdout(`✖ ${entry.kind}/${entry.name}: ${problem}\n`);
  }
  io.stdout(`\nLibrary folder: ${root}\n`);
  return EXIT.ok;
}

export function familyLabel(entry: Pick<ModelEntry, 'family' | 'variant'>): string {
  return `${FAMILY_TITLES[entry.family]}${entry.variant ? ` (${entry.variant})` : ''}`;
}

function where(source: ModelSource): string {
  return source.type === 'search-path' ? `search path ${source.root}` : source.type;
}
