/**
 * Graph files handed to the app by the OS: on the command line (first start,
 * or a second instance that forwards its argv), or by macOS's open-file event.
 */
import { isAbsolute, resolve } from 'node:path';

export const GRAPH_EXTENSION = '.weft.json';

export function isGraphFile(path: string): boolean {
  return path.toLowerCase().endsWith(GRAPH_EXTENSION);
}

/** The graph files named in argv, absolute, in order (flags and the app's own paths skipped). */
export function graphFilesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && isGraphFile(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}
