/**
 * The two ways to start an engine process behind the host's EngineChild
 * interface: Electron's utilityProcess (the app) and node's child_process
 * (tests and tools, same entry, same messages).
 */
import { fork } from 'node:child_process';
import type { UtilityProcess } from 'electron';
import type { EngineChild } from './engineHost.ts';

export interface UtilityForkOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

export function utilityEngineChild(
  forkUtility: (
    modulePath: string,
    args: string[],
    options: { env: NodeJS.ProcessEnv; serviceName: string; stdio: 'inherit'; cwd?: string },
  ) => UtilityProcess,
  entry: string,
  workspace: string,
  options: UtilityForkOptions,
): EngineChild {
  const child = forkUtility(entry, ['--workspace', workspace], {
    env: options.env,
    serviceName: 'Weft engine',
    stdio: 'inherit',
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', (code) => listener(code));
    },
    kill: () => {
      child.kill();
    },
  };
}

/** Forks `entry` under node (with extra node flags such as tsx's loader). */
export function forkEngineChild(
  entry: string,
  workspace: string,
  options: UtilityForkOptions & { execArgv?: string[]; silent?: boolean },
): EngineChild & { pid: number | undefined } {
  const child = fork(entry, ['--workspace', workspace], {
    env: options.env,
    execArgv: options.execArgv ?? [],
    stdio: options.silent ? ['ignore', 'ignore', 'ignore', 'ipc'] : 'inherit',
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', (code, signal) => listener(code ?? (signal ? 128 : null)));
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}
