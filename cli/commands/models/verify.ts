/**
 * `weft models verify [GRAPH.weft.json …] [--json]`: recomputes the sha256
 * of every model (or of the models the graphs need) and compares it with the
 * manifest recorded when the model was first seen and with each graph's
 * `models` list. Exit 1 when a file changed, is missing, or is not the one a
 * graph was made with.
 */
import type { ModelRequirement } from '../../../engine/common/graph/schema.ts';
import type { ModelEntry, VerifyResult } from '../../../engine/node/models/library.ts';
import type { RequirementStatus } from '../../../engine/node/models/requirements.ts';
import { checkRequirement } from '../../../engine/node/models/requirements.ts';
import { createHostEngine } from '../../../engine/node/host.ts';
import { weftPaths } from '../../../engine/node/paths.ts';
import { parseFlags } from '../../args.ts';
import { readGraphFile } from '../../graphFile.ts';
import type { CliIo } from '../../io.ts';
import { EXIT } from '../../io.ts';
import { hashProgress } from './hashProgress.ts';
import { openLibrary } from './openLibrary.ts';

export async function modelsVerifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
  const graphs = await readRequirements(positionals, io);
  const library = await openLibrary(io);
  const progress = hashProgress(io);
  await library.scan({ onProgress: progress.onProgress, signal: io.signal });

  const statuses: { graph: string; status: RequirementStatus }[] = [];
  const toVerify = new Map<string, ModelEntry>();
  if (graphs.length === 0) for (const entry of library.list()) toVerify.set(entry.path, entry);
  for (const { requirements } of graphs)
    for (const requirement of requirements) {
      const entry = checkRequirement(library, requirement).entry;
      if (entry) toVerify.set(entry.path, entry);
    }

  const results: VerifyResult[] = [];
  for (const entry of toVerify.values()) {
    const result = await library.verify(entry, {
      onProgress: progress.onProgress,
      signal: io.signal,
    });
    progress.done();
    results.push(result);
    if (!values.json) io.stdout(describeResult(result));
  }
  const actual = new Map(results.map((result) => [result.entry.path, result.sha256]));
  for (const { graph, requirements } of graphs)
    for (const requirement of requirements) {
      const status = checkRequirement(library, requirement, (entry) => actual.get(entry.path));
      statuses.push({ graph, status });
      if (!values.json) io.stdout(describeRequirement(graph, status));
    }

  const failed =
    results.some((result) => result.status === 'changed' || result.status === 'missing') ||
    statuses.some(({ status }) => status.status !== 'ok');
  if (values.json)
    io.stdout(
      JSON.stringify(
        {
          ok: !failed,
          models: results.map((result) => ({
            kind: result.entry.kind,
            name: result.entry.name,
            path: result.entry.path,
            status: result.status,
            sha256: result.sha256 ?? null,
            changed: result.changed,
            missing: result.missing,
          })),
          requirements: statuses.map(({ graph, status }) => ({
            graph,
            ...status.requirement,
            status: status.status,
            path: status.entry?.path ?? null,
            message: status.message ?? null,
          })),
        },
        null,
        2,
      ) + '\n',
    );
  else if (results.length === 0 && statuses.length === 0) io.stdout('No models to verify.\n');
  return failed ? EXIT.failed : EXIT.ok;
}

async function readRequirements(
  files: readonly string[],
  io: CliIo,
): Promise<{ graph: string; requirements: ModelRequirement[] }[]> {
  if (files.length === 0) return [];
  const engine = await createHostEngine({ paths: weftPaths(io.env), cacheDir: false });
  const graphs = [];
  for (const file of files) {
    const { graph } = await readGraphFile(engine, io.cwd, file);
    graphs.push({ graph: file, requirements: graph.models ?? [] });
  }
  return graphs;
}

function describeResult(result: VerifyResult): string {
  const { source } = result.entry;
  const name = `${result.entry.kind}/${result.entry.name}${source.type === 'library' ? '' : ` (${source.type === 'bundled' ? 'bundled' : source.root})`}`;
  switch (result.status) {
    case 'ok':
      return `✓ ${name}\n`;
    case 'recorded':
      return `• ${name}: seen for the first time; its sha256 is now recorded (${result.sha256 ?? '?'})\n`;
    case 'missing':
      return `✖ ${name}: ${result.missing.map((path) => `${path} is gone`).join('; ')}\n`;
    case 'changed':
      return result.changed
        .map(
          (change) =>
            `✖ ${name}: ${change.path} changed since it was recorded (sha256 was ${change.expected}, is ${change.actual}). It may be damaged: download it again.\n`,
        )
        .join('');
  }
}

function describeRequirement(
  graph: string,
  { requirement, status, message }: RequirementStatus,
): string {
  const name = `${requirement.kind}/${requirement.name}`;
  if (status === 'ok') return `✓ ${graph}: ${name}\n`;
  if (status === 'missing') {
    const fetch = requirement.url
      ? ` Get it with: weft models download ${requirement.url} --kind ${requirement.kind} --name ${requirement.name}${requirement.sha256 ? ` --sha256 ${requirement.sha256}` : ''}`
      : '';
    return `✖ ${graph}: ${name} is not in the library.${fetch}\n`;
  }
  return `✖ ${graph}: ${name}: ${message ?? status}\n`;
}
