/** `weft run FILE [name=value …] [--set node.param=value …]`: one-shot, in-process. */
import { dirname, resolve } from 'node:path';
import { applyOverrides } from '../../engine/common/graph/overrides.ts';
import { formatIssue } from '../../engine/common/validate/format.ts';
import { GraphInvalidError } from '../../engine/node/engine.ts';
import { createHostEngine } from '../../engine/node/host.ts';
import { weftPaths } from '../../engine/node/paths.ts';
import { parseRunFlags } from '../args.ts';
import { readGraphFile } from '../graphFile.ts';
import type { CliIo } from '../io.ts';
import { EXIT, UsageError } from '../io.ts';
import { createEventPrinter, formatMs } from '../progress.ts';

export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseRunFlags(args);
  const paths = weftPaths(io.env);
  const engine = await createHostEngine({
    paths,
    env: io.env,
    cacheDir: flags.noCache ? false : resolve(io.cwd, flags.cacheDir ?? paths.cache),
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    ...(flags.provider ? { provider: flags.provider } : {}),
    ...(flags.memoryBudget !== undefined ? { memoryBudgetBytes: flags.memoryBudget } : {}),
    ...(flags.diskBudget !== undefined ? { diskBudgetBytes: flags.diskBudget } : {}),
    onWarning: (message) => io.stderr(`weft: ${message}\n`),
    onInfo: (message) => io.stderr(`weft: ${message}\n`),
  });
  const loaded = await readGraphFile(engine, io.cwd, flags.file);
  for (const note of loaded.notes) io.stderr(`weft: ${note}\n`);

  const overridden = applyOverrides(loaded.graph, flags.overrides, engine.registry);
  if (overridden.errors.length > 0) {
    throw new UsageError(overridden.errors.map((error) => error.message).join('\n'));
  }

  const print = createEventPrinter(io, flags.json);
  const outputDir = resolve(io.cwd, flags.out ?? 'weft-output');
  let result;
  try {
    result = await engine.run(overridden.graph, {
      ...(flags.targets ? { targets: flags.targets } : {}),
      signal: io.signal,
      onEvent: print,
      // Only JSON lines carry preview images; the bar and plain lines ignore them.
      previews: flags.json,
      outputDir,
      inputRoots: [dirname(loaded.path), ...flags.inputDirs.map((dir) => resolve(io.cwd, dir))],
    });
  } catch (error) {
    if (error instanceof GraphInvalidError) {
      if (flags.json) io.stdout(JSON.stringify({ status: 'invalid', issues: error.issues }) + '\n');
      io.stderr(
        `weft: ${flags.file} cannot run:\n${error.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}\n`,
      );
      return EXIT.usage;
    }
    throw error;
  } finally {
    await engine.flush();
  }

  const files = result.files.map((file) => file.path);
  if (flags.json) {
    io.stdout(
      JSON.stringify({
        status: result.status,
        runId: result.runId,
        files,
        record: result.recordPath,
        errors: result.errors,
      }) + '\n',
    );
  } else {
    for (const file of files) io.stdout(file + '\n');
    const counts = countOutcomes(result.outcomes.values());
    io.stderr(`weft: ${statusWord(result.status)} in ${formatMs(result.durationMs)}: ${counts}.`);
    io.stderr(result.recordPath ? ` Run record: ${result.recordPath}\n` : '\n');
  }
  if (result.status === 'cancelled') return EXIT.cancelled;
  return result.status === 'done' ? EXIT.ok : EXIT.failed;
}

function statusWord(status: string): string {
  return status === 'done' ? 'done' : status === 'cancelled' ? 'cancelled' : 'failed';
}

function countOutcomes(outcomes: Iterable<{ status: string }>): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
  const words: Record<string, string> = {
    done: 'ran',
    cached: 'cached',
    failed: 'failed',
    skipped: 'skipped',
  };
  return (
    [...counts].map(([status, count]) => `${count} ${words[status] ?? status}`).join(', ') ||
    'nothing to do'
  );
}
