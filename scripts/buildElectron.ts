/**
 * Bundles the desktop shell with Vite's build API (Rolldown):
 *   dist/electron/main.cjs     the main process (Electron, Node built-ins external)
 *   dist/electron/preload.cjs  the preload: one CommonJS file whose only require is
 *                              'electron', as a sandboxed preload must be
 * The engine's utility process needs no bundle: electron/utility/engineEntry.cjs
 * runs the engine from its TypeScript sources through tsx, as the CLI does.
 *
 *   npm run build:electron
 */
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';

const ROOT = new URL('..', import.meta.url).pathname;
export const ELECTRON_OUT = join(ROOT, 'dist', 'electron');

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export interface ElectronBundles {
  main: string;
  preload: string;
}

async function bundle(
  entry: string,
  outDir: string,
  fileName: string,
  external: (string | RegExp)[],
): Promise<string> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      ssr: join(ROOT, entry),
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      rolldownOptions: {
        external,
        output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  });
  return join(outDir, fileName);
}

export async function buildElectron(outDir: string = ELECTRON_OUT): Promise<ElectronBundles> {
  const main = await bundle('electron/main/main.ts', outDir, 'main.cjs', [
    'electron',
    ...NODE_BUILTINS,
  ]);
  // A sandboxed preload can require 'electron' and little else: everything else is inlined.
  const preload = await bundle('electron/preload/preload.ts', outDir, 'preload.cjs', ['electron']);
  const required = requiredModules(await readFile(preload, 'utf8'));
  const foreign = required.filter((name) => name !== 'electron');
  if (foreign.length > 0) {
    throw new Error(
      `The preload requires ${foreign.join(', ')}; a sandboxed preload may only require electron.`,
    );
  }
  return { main, preload };
}

/** The module names a CommonJS bundle requires. */
export function requiredModules(code: string): string[] {
  return [
    ...new Set(
      [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!),
    ),
  ];
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const bundles = await buildElectron();
  console.log(`built ${bundles.main}\nbuilt ${bundles.preload}`);
}
