/**
 * Where Weft keeps its data on each platform. WEFT_HOME moves everything
 * (tests and CI use it to stay out of the user's folders).
 */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export interface WeftPaths {
  data: string;
  cache: string;
  runs: string;
  models: string;
}

export function weftPaths(env: NodeJS.ProcessEnv = process.env): WeftPaths {
  const home = env.WEFT_HOME;
  if (home) {
    return {
      data: home,
      cache: join(home, 'cache'),
      runs: join(home, 'runs'),
      models: join(home, 'models'),
    };
  }
  const data = dataFolder(env);
  const cache =
    platform() === 'linux'
      ? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'weft')
      : join(data, 'cache');
  return { data, cache, runs: join(data, 'runs'), models: join(data, 'models') };
}

function dataFolder(env: NodeJS.ProcessEnv): string {
  switch (platform()) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Weft');
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Weft');
    default:
      return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'weft');
  }
}
