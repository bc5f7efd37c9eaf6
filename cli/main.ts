/**
 * The `weft` command. Thin: it parses arguments and calls the engine. Every
 * failure becomes one clear paragraph and a trustworthy exit code (0 ok,
 * 1 run failed, 2 invalid graph or usage, 130 cancelled); stacks only with
 * --verbose.
 */
import { doctorCommand } from './commands/doctor.ts';
import { graphFromCommand } from './commands/graphFrom.ts';
import { modelsCommand } from './commands/models.ts';
import { nodesCommand } from './commands/nodes.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { validateCommand } from './commands/validate.ts';
import { HELP } from './help.ts';
import type { CliIo } from './io.ts';
import { EXIT, processIo, UsageError } from './io.ts';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  validate: validateCommand,
  nodes: nodesCommand,
  'graph-from': graphFromCommand,
  models: modelsCommand,
  serve: serveCommand,
  doctor: doctorCommand,
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === 'version') {
    io.stdout(`${(await import('../engine/node/host.ts')).versions().weft}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(
      `weft: "${name}" is not a weft command. Commands: ${Object.keys(COMMANDS).join(', ')}. See weft --help.\n`,
    );
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`weft: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`weft: something went wrong inside Weft: ${message}\n`);
    if (args.includes('--verbose') || args.includes('-v'))
      io.stderr(`${(error as Error).stack ?? ''}\n`);
    else io.stderr('Run again with --verbose to see the details, and please report it.\n');
    return EXIT.failed;
  }
}

/** Entry used by bin/weft.js: wires Ctrl+C to cancellation. */
export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nweft: cancelling… (press Ctrl+C again to quit at once)\n');
      controller.abort(new DOMException('Cancelled by the user', 'AbortError'));
    } else {
      process.exit(EXIT.cancelled);
    }
  });
  return runCli(argv, processIo(controller.signal));
}
