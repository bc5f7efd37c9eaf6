/**
 * The engine's utility process: answers heartbeats at once (before the engine
 * has loaded, so a slow start is not mistaken for a hang), then builds the
 * protocol handler that `weft serve` uses and relays requests and pushes.
 *
 *   argv: --workspace <folder>   env: WEFT_HOME and the rest of WEFT_* as for the CLI
 */
import { parseArgs } from 'node:util';
import { connectToParent } from './parentChannel.ts';

const channel = connectToParent();
const early: unknown[] = [];
let handle: ((request: unknown) => void) | undefined;

channel.onMessage((message) => {
  if (message.kind === 'ping') channel.send({ kind: 'pong', seq: message.seq });
  else if (handle) handle(message.request);
  else early.push(message.request);
});

try {
  const { values } = parseArgs({ options: { workspace: { type: 'string' } }, strict: false });
  const workspace = typeof values.workspace === 'string' ? values.workspace : undefined;
  if (!workspace) throw new Error('no --workspace folder was given');

  const [{ createProtocolHandler }, { weftPaths }] = await Promise.all([
    import('../../engine/node/protocol/handler.ts'),
    import('../../engine/node/paths.ts'),
  ]);
  const handler = await createProtocolHandler({
    workspace,
    paths: weftPaths(process.env),
    env: process.env,
    ...(process.env.WEFT_APP_VERSION ? { appVersion: process.env.WEFT_APP_VERSION } : {}),
    onWarning: (message) => channel.send({ kind: 'warning', message }),
  });
  handler.subscribe((message) => channel.send({ kind: 'message', message }));
  handle = (request) => {
    void handler.handle(request).then((message) => channel.send({ kind: 'message', message }));
  };
  channel.send({ kind: 'ready', workspace });
  for (const request of early.splice(0)) handle(request);
} catch (error) {
  channel.send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
  // Let the message leave before the process does.
  setTimeout(() => process.exit(1), 100);
}
