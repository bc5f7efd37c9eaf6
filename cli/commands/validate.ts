/** `weft validate FILE…`: every problem of every file at once; exit 2 if any has errors. */
import { formatIssue, hasErrors } from '../../engine/common/validate/format.ts';
import { createHostEngine } from '../../engine/node/host.ts';
import { weftPaths } from '../../engine/node/paths.ts';
import { parseFlags } from '../args.ts';
import { readGraphFile } from '../graphFile.ts';
import type { CliIo } from '../io.ts';
import { EXIT, UsageError } from '../io.ts';

export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
  if (positionals.length === 0)
    throw new UsageError(
      'weft validate needs at least one graph file: weft validate GRAPH.weft.json …',
    );
  const engine = await createHostEngine({ paths: weftPaths(io.env), cacheDir: false });
  let failed = false;
  const report: unknown[] = [];
  for (const file of positionals) {
    try {
      const { graph } = await readGraphFile(engine, io.cwd, file);
      const issues = engine.validate(graph);
      failed ||= hasErrors(issues);
      report.push({ file, valid: !hasErrors(issues), issues });
      if (!values.json) {
        if (issues.length === 0) io.stdout(`✓ ${file}: valid\n`);
        else
          io.stdout(
            `${hasErrors(issues) ? '✖' : '✓'} ${file}:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}\n`,
          );
      }
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      failed = true;
      report.push({ file, valid: false, error: error.message });
      if (!values.json) io.stdout(`✖ ${error.message}\n`);
    }
  }
  if (values.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
  return failed ? EXIT.usage : EXIT.ok;
}
