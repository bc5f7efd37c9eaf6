/**
 * electron-builder.yml, checked without building or downloading anything:
 * loaded and validated by electron-builder's own code (the same getConfig and
 * validateConfiguration, against its JSON schema, that `electron-builder`
 * runs first), then held against what the shell needs at run time: every file
 * it opens is packed, native modules and models are outside the asar
 * archive, the icons exist at the sizes each platform converts from.
 */
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_OUT } from '../scripts/buildElectron.ts';
import { GRAPH_EXTENSION } from './main/fileArgs.ts';
import { appLayout } from './main/layout.ts';

const ROOT = new URL('..', import.meta.url).pathname;
// electron-builder's own modules, resolved the way electron-builder resolves them.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const libRequire = createRequire(builderRequire.resolve('app-builder-lib'));

interface BuilderConfigModule {
  getConfig: (
    projectDir: string,
    configPath: string | null,
    fromOptions: null,
  ) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, logger: unknown) => Promise<void>;
}
interface FileAssociation {
  ext: string | string[];
  name?: string;
  mimeType?: string;
  icon?: string;
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  extraMetadata?: { main?: string };
  directories?: { buildResources?: string; output?: string };
  /** electron-builder's merge turns a list of patterns into [{ filter: [...] }]. */
  files?: (string | { filter?: string[] })[];
  asar?: boolean;
  asarUnpack?: string[];
  fileAssociations?: FileAssociation[];
  linux?: { target?: string[]; icon?: string; mimeTypes?: string[]; maintainer?: string };
  win?: { target?: string[]; icon?: string };
  mac?: { target?: string[]; icon?: string };
  [key: string]: unknown;
}

const { getConfig, validateConfiguration } = libRequire(
  'app-builder-lib/out/util/config/config',
) as BuilderConfigModule;
const { DebugLogger } = libRequire('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};
const { minimatch } = libRequire('minimatch') as {
  minimatch: (path: string, pattern: string, options?: { dot?: boolean }) => boolean;
};

let config: BuilderConfig;
beforeAll(async () => {
  config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
});

function filePatterns(): string[] {
  return (config.files ?? []).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : (entry.filter ?? []),
  );
}

/** Whether electron-builder's `files` (or `asarUnpack`) patterns take a path: last match wins. */
function matches(patterns: readonly string[], path: string): boolean {
  let taken = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) taken = !negated;
  }
  return taken;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really validated (a wrong option fails)', async () => {
    const broken = { ...config, linux: { ...config.linux, targets: ['AppImage'] } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('names the app and builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.appId).toBe('dev.weft.app');
    expect(config.productName).toBe('Weft');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/); // deb needs one
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('packages the Electron version that is installed', () => {
    const installed = createRequire(import.meta.url)('electron/package.json') as {
      version: string;
    };
    expect(config.electronVersion).toBe(installed.version);
  });

  it('starts the bundle scripts/buildElectron.ts writes', () => {
    expect(config.extraMetadata?.main).toBe(relative(ROOT, join(ELECTRON_OUT, 'main.cjs')));
  });

  it('packs every file the shell opens at run time', () => {
    const layout = appLayout(join(ROOT, 'dist', 'electron'));
    const needed = [
      join(layout.renderer, 'index.html'),
      join(layout.renderer, 'assets', 'index-abc123.js'),
      layout.preload,
      join(layout.root, config.extraMetadata!.main!),
      layout.engineEntry,
      join(ROOT, 'electron', 'utility', 'engineProcess.ts'),
      join(ROOT, 'engine', 'node', 'protocol', 'handler.ts'),
      join(ROOT, 'nodes', 'index.ts'),
      join(layout.examples, 'txt2img.weft.json'),
      join(ROOT, 'resources', 'fixtures', 'models', 'diffusion', 'toy-sd', 'unet', 'model.onnx'),
      layout.icon,
    ];
    for (const path of needed) {
      expect(matches(filePatterns(), relative(ROOT, path)), relative(ROOT, path)).toBe(true);
    }
    for (const left of [
      'electron/main/main.ts',
      'engine/node/engine.test.ts',
      'dist/electron/main.cjs.map',
    ]) {
      expect(matches(filePatterns(), left), left).toBe(false);
    }
  });

  it('unpacks native modules and models from the asar archive', async () => {
    expect(config.asar).toBe(true);
    const unpack = config.asarUnpack!;
    const native = [
      ...(await nativeFiles(join(ROOT, 'node_modules', 'onnxruntime-node'))),
      ...(await nativeFiles(join(ROOT, 'node_modules', 'sharp'))),
      ...(await nativeFiles(join(ROOT, 'node_modules', '@img'))),
    ];
    expect(native.length).toBeGreaterThan(0);
    for (const file of native) expect(matches(unpack, relative(ROOT, file)), file).toBe(true);
    expect(matches(unpack, 'node_modules/@ffmpeg-installer/linux-x64/ffmpeg')).toBe(true);
    expect(matches(unpack, 'resources/fixtures/models/diffusion/toy-sd/unet/model.onnx')).toBe(
      true,
    );
    expect(matches(unpack, 'engine/node/engine.ts')).toBe(false);
  });

  it('associates .weft.json files with the app', () => {
    const [association] = config.fileAssociations!;
    expect(association).toMatchObject({ ext: GRAPH_EXTENSION.slice(1), name: 'Weft graph' });
    expect(config.linux?.mimeTypes).toContain(association!.mimeType);
  });

  it('has icons at the sizes each platform converts from', async () => {
    const resources = join(ROOT, config.directories!.buildResources!);
    const size = async (file: string) => {
      const { width, height } = await sharp(join(resources, file)).metadata();
      return { width, height };
    };
    expect(await size(config.win!.icon!)).toEqual({ width: 256, height: 256 });
    expect(await size(config.mac!.icon!)).toEqual({ width: 1024, height: 1024 });
    const linux = (await readdir(join(resources, config.linux!.icon!))).filter((name) =>
      name.endsWith('.png'),
    );
    expect(linux).toEqual(
      expect.arrayContaining(['16x16.png', '48x48.png', '256x256.png', '512x512.png']),
    );
    for (const name of linux) {
      const side = Number(name.split('x')[0]);
      expect(await size(join(config.linux!.icon!, name)), name).toEqual({
        width: side,
        height: side,
      });
    }
    for (const association of config.fileAssociations!) {
      expect(await size(association.icon!)).toEqual({ width: 512, height: 512 });
    }
  });
});

async function nativeFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && /\.(node|so(\.\d+)*|dylib|dll)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}
