/**
 * A real protocol handler over a temp WEFT_HOME and a temp workspace that
 * holds the poster example (graphs/poster.weft.json and its asset), for the
 * handler, server and client tests.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Operation,
  OperationParams,
  PushMessage,
  Response,
} from '../../common/protocol/messages.ts';
import { weftPaths } from '../paths.ts';
import type { WeftPaths } from '../paths.ts';
import type { ProtocolHandler } from '../protocol/handler.ts';
import { createProtocolHandler } from '../protocol/handler.ts';

const REPO = new URL('../../../', import.meta.url).pathname;

export interface TestHost {
  handler: ProtocolHandler;
  workspace: string;
  home: string;
  paths: WeftPaths;
  env: NodeJS.ProcessEnv;
  pushes: PushMessage[];
  warnings: string[];
  /** Sends a request with a fresh id; the response as the transport would carry it. */
  call<Op extends Operation>(op: Op, params: OperationParams<Op>): Promise<Response>;
  /** The poster graph as a client would send it. */
  poster(): Promise<unknown>;
  /** Resolves with the first push that matches (including those already received). */
  waitFor(match: (message: PushMessage) => boolean, timeoutMs?: number): Promise<PushMessage>;
  cleanup(): Promise<void>;
}

/** Copies the poster example into a fresh workspace: poster.weft.json and assets/weft-mark.png. */
export async function makeWorkspace(root: string): Promise<string> {
  const workspace = join(root, 'workspace');
  await mkdir(join(workspace, 'assets'), { recursive: true });
  await copyFile(join(REPO, 'graphs/poster.weft.json'), join(workspace, 'poster.weft.json'));
  await copyFile(
    join(REPO, 'graphs/assets/weft-mark.png'),
    join(workspace, 'assets/weft-mark.png'),
  );
  return workspace;
}

export async function openTestHost(): Promise<TestHost> {
  const home = await mkdtemp(join(tmpdir(), 'weft-protocol-'));
  const workspace = await makeWorkspace(home);
  const env = { ...process.env, WEFT_HOME: join(home, 'weft-home') };
  const paths = weftPaths(env);
  const warnings: string[] = [];
  const handler = await createProtocolHandler({
    workspace,
    paths,
    env,
    appVersion: 'test',
    onWarning: (message) => warnings.push(message),
  });
  const pushes: PushMessage[] = [];
  const waiters = new Set<() => void>();
  handler.subscribe((message) => {
    pushes.push(message);
    for (const wake of waiters) wake();
  });
  let id = 0;
  return {
    handler,
    workspace,
    home,
    paths,
    env,
    pushes,
    warnings,
    call: (op, params) => handler.handle({ id: ++id, op, params }),
    poster: async () =>
      JSON.parse(await readFile(join(workspace, 'poster.weft.json'), 'utf8')) as unknown,
    waitFor(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = pushes.find(match);
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching push within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    async cleanup() {
      await handler.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** A response's result, or a thrown error naming the refusal (for tests that expect success). */
export function result<T>(response: Response): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.result as T;
}
