/**
 * `weft serve [--host H] [--port N] [--token T] [--workspace DIR] [--no-build]`:
 * the editor in a browser. Builds the editor when needed, starts the engine
 * host and the server, prints the address with its token on stdout, and
 * runs until Ctrl+C, which stops it cleanly (exit 0: stopping is how a
 * server ends, not a cancelled job).
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { weftPaths } from '../../engine/node/paths.ts';
import { createProtocolHandler } from '../../engine/node/protocol/handler.ts';
import { isLoopback } from '../../engine/node/serve/hosts.ts';
import {
  ensureRendererBuilt,
  RENDERER_OUT_DIR,
  RendererBuildError,
} from '../../engine/node/serve/rendererBuild.ts';
import { startServer } from '../../engine/node/serve/server.ts';
import { persistentToken } from '../../engine/node/serve/token.ts';
import { parseServeFlags } from '../args.ts';
import type { CliIo } from '../io.ts';
import { EXIT, UsageError } from '../io.ts';

/** Where the server's token is kept between starts (in Weft's data folder). */
export const SERVE_TOKEN_FILE = 'serve-token';

export async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseServeFlags(args);
  const workspace = resolve(io.cwd, flags.workspace ?? '.');
  if (!(await stat(workspace).catch(() => undefined))?.isDirectory())
    throw new UsageError(
      `The workspace folder ${workspace} does not exist; create it or choose another with --workspace DIR.`,
    );
  const say = (line: string) => io.stderr(`weft: ${line}\n`);

  if (!flags.noBuild) {
    try {
      await ensureRendererBuilt({ log: say });
    } catch (error) {
      if (!(error instanceof RendererBuildError)) throw error;
      say(error.message);
      return EXIT.failed;
    }
  }

  const paths = weftPaths(io.env);
  const handler = await createProtocolHandler({
    workspace,
    paths,
    env: io.env,
    onWarning: say,
  });
  let server;
  try {
    server = await startServer({
      handler,
      workspace,
      rendererDir: RENDERER_OUT_DIR,
      host: flags.host,
      port: flags.port,
      token: flags.token ?? (await persistentToken(join(paths.data, SERVE_TOKEN_FILE))),
      onWarning: say,
    });
  } catch (error) {
    await handler.close();
    throw listenError(error, flags.host, flags.port);
  }

  if (!isLoopback(flags.host))
    say(
      `warning: listening on ${flags.host}, so other machines can reach this editor; anyone with the token can open, change and run the files in ${workspace}.`,
    );
  io.stdout(`Weft editor: ${server.url}\n`);
  io.stdout(`Workspace: ${workspace}\n`);
  say('open the address above in a browser; press Ctrl+C to stop.');

  await new Promise<void>((resolveStop) => {
    if (io.signal.aborted) resolveStop();
    else io.signal.addEventListener('abort', () => resolveStop(), { once: true });
  });
  await server.close();
  await handler.close();
  say('stopped.');
  return EXIT.ok;
}

function listenError(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new UsageError(
      `Port ${port} is already in use (another weft serve?). Choose another with --port N, or --port 0 for any free port.`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new UsageError(
      `This machine has no address "${host}" to listen on; use --host 127.0.0.1 (this machine only) or 0.0.0.0 (every network).`,
    );
  if (code === 'EACCES')
    return new UsageError(
      `Port ${port} needs special rights on this system; choose a port above 1024 with --port N.`,
    );
  return error instanceof Error ? error : new Error(String(error));
}
