/** `weft models list|inspect|verify|download`: the model library from the command line (docs/MODELS.md). */
import type { CliIo } from '../io.ts';
import { EXIT, UsageError } from '../io.ts';
import { modelsDownloadCommand } from './models/download.ts';
import { modelsInspectCommand } from './models/inspect.ts';
import { modelsListCommand } from './models/list.ts';
import { modelsVerifyCommand } from './models/verify.ts';

const SUBCOMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  list: modelsListCommand,
  inspect: modelsInspectCommand,
  verify: modelsVerifyCommand,
  download: modelsDownloadCommand,
};

export async function modelsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const command = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!command)
    throw new UsageError(
      `${name === undefined ? 'weft models needs a subcommand' : `"${name}" is not a weft models subcommand`}: ${Object.keys(SUBCOMMANDS).join(', ')}. See weft --help.`,
    );
  try {
    return await command(rest, io);
  } catch (error) {
    // Ctrl+C while scanning or hashing: the manifests hold what was finished.
    if (!io.signal.aborted) throw error;
    io.stderr('\nweft: cancelled.\n');
    return EXIT.cancelled;
  }
}
