/**
 * The `weft` command end to end: exit codes, every validation error at once,
 * refused files, overrides, the cache across edits and across processes,
 * Ctrl+C, and the graph embedded in saved PNGs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGraphText } from '../engine/common/graph/load.ts';
import { serializeGraph } from '../engine/common/graph/write.ts';
import { jsonEvents, weft, weftProcess, withTempDir } from './support/cli.ts';
import { slowGraph } from '../engine/node/testing/slowGraph.ts';

const POSTER = 'graphs/poster.weft.json';

describe('weft validate', () => {
  it('lists every error of a broken file with codes, nodes and fields, and exits 2', async () => {
    await withTempDir(async (home) => {
      const result = await weft(['validate', 'tests/fixtures/broken.weft.json'], { home });
      expect(result.code).toBe(2);
      const codes = [...result.stdout.matchAll(/^ {2}✖ (\S+)(?: › (\S+))? {2}([A-Z_]+)/gm)].map(
        (m) => `${m[1]}${m[2] ? `.${m[2]}` : ''} ${m[3]}`,
      );
      expect(codes).toEqual([
        'bg.angle PARAM_TYPE',
        'bg.width PARAM_RANGE',
        'canvas.mode PARAM_ENUM',
        'canvas.width TYPE_MISMATCH',
        'lonely.base DANGLING_REFERENCE',
        'lonely.overlay MISSING_INPUT',
        'loopA CYCLE',
        'magic UNKNOWN_NODE_TYPE',
        'save.image UNKNOWN_OUTPUT',
      ]);
      expect(result.stdout).toContain('TEXT cannot connect to INT');
      expect(result.stdout).toContain('loopA → loopB → loopA');
      expect(result.stdout).toContain('"stretch", "fit", "fill", "pad"');
    });
  });

  it('passes the examples and exits 0', async () => {
    await withTempDir(async (home) => {
      const result = await weft(['validate', POSTER, 'graphs/contact-sheet.weft.json'], { home });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`✓ ${POSTER}: valid\n✓ graphs/contact-sheet.weft.json: valid\n`);
    });
  });
});

describe('refused files exit 2 with a message that says which problem, and where', () => {
  const cases: [string, string, RegExp][] = [
    [
      'not JSON',
      '{\n  "format": "weft/graph",\n  "version": 1\n  "nodes": {}\n}\n',
      /not valid JSON at line 4, column 3/,
    ],
    [
      'truncated',
      '{\n  "format": "weft/graph",\n  "version": 1,\n  "nodes": {\n    "a": {',
      /ends early, at line 5/,
    ],
    [
      'not a graph',
      '{ "name": "my-package", "version": "1.0.0" }',
      /not a Weft graph|not a graph/i,
    ],
    [
      'newer',
      '{ "format": "weft/graph", "version": 9, "nodes": {} }',
      /format version 9.*Update Weft/,
    ],
  ];
  for (const [what, text, message] of cases) {
    it(what, async () => {
      await withTempDir(async (home) => {
        const file = join(home, 'g.weft.json');
        await writeFile(file, text);
        const result = await weft(['run', file], { home });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      });
    });
  }

  it('a missing file, an unknown command, a bad flag', async () => {
    await withTempDir(async (home) => {
      const missing = await weft(['run', 'nope.weft.json'], { home });
      expect([missing.code, missing.stderr]).toEqual([
        2,
        expect.stringContaining('does not exist') as string,
      ]);
      const unknown = await weft(['bake'], { home });
      expect([unknown.code, unknown.stderr]).toEqual([
        2,
        expect.stringContaining('"bake" is not a weft command') as string,
      ]);
      expect((await weft(['run', POSTER, '--frobnicate'], { home })).code).toBe(2);
      const badInput = await weft(['run', POSTER, 'colour=red'], { home });
      expect([badInput.code, badInput.stderr]).toEqual([
        2,
        expect.stringContaining('colour') as string,
      ]);
    });
  });
});

describe('weft run', () => {
  it('named inputs and --set reach the params, and the saved PNG carries the graph as run', async () => {
    await withTempDir(async (home) => {
      const out = join(home, 'out');
      const result = await weft(
        ['run', POSTER, 'top=#000000', 'seed=2', '--set', 'frame.top=10', '--out', out],
        { home },
      );
      expect(result.code, result.stderr).toBe(0);
      const [png] = result.stdout.trim().split('\n');
      expect(png).toMatch(/poster-(dawn|dusk|noon)_00001\.png$/);

      const fromPng = await weft(['graph-from', png!], { home });
      expect(fromPng.code).toBe(0);
      const loaded = loadGraphText(fromPng.stdout);
      if (!loaded.ok) throw new Error(loaded.error.message);
      expect(loaded.graph.nodes.background!.params!.from).toBe('#000000');
      expect(loaded.graph.nodes.name!.params!.seed).toBe(2);
      expect(loaded.graph.nodes.frame!.params!.top).toBe(10);
      expect(fromPng.stdout).toBe(serializeGraph(loaded.graph));
    });
  });

  it('[C3] after a downstream param changes, only that node and its descendants run; the rest is cached', async () => {
    await withTempDir(async (home) => {
      const args = ['run', POSTER, '--json', '--out', join(home, 'out')];
      expect((await weft(args, { home })).code).toBe(0);
      const second = await weft([...args, '--set', 'frame.color=#000000'], { home });
      expect(second.code).toBe(0);
      const events = jsonEvents(second.stderr);
      const ran = events
        .filter((e) => e.type === 'node-done')
        .map((e) => e.nodeId)
        .sort();
      const cached = events
        .filter((e) => e.type === 'node-cached')
        .map((e) => e.nodeId)
        .sort();
      expect(ran).toEqual(['frame', 'save']);
      expect(cached).toEqual(['composite', 'name']);
    });
  });

  it('[C6] a second process reuses the disk cache', async () => {
    await withTempDir(async (home) => {
      const args = [
        'run',
        POSTER,
        '--json',
        '--out',
        join(home, 'out'),
        '--cache-dir',
        join(home, 'shared-cache'),
      ];
      const first = await weftProcess(args, { home });
      expect(first.code, first.stderr).toBe(0);
      const second = await weftProcess(args, { home });
      expect(second.code, second.stderr).toBe(0);
      const cached = jsonEvents(second.stderr).filter((e) => e.type === 'node-cached');
      expect(cached.map((e) => [e.nodeId, e.tier]).sort()).toEqual([
        ['frame', 'disk'],
        ['name', 'disk'],
      ]);
      const summary = JSON.parse(second.stdout) as { status: string; files: string[] };
      expect(summary.status).toBe('done');
      expect(summary.files).toHaveLength(1);
      expect(summary.files[0]).toMatch(/_00002\.png$/);
    });
  });

  it('a node error exits 1, names the node and its type, and other branches still finish', async () => {
    await withTempDir(async (home) => {
      const graph = JSON.parse(await readFile(POSTER, 'utf8')) as {
        nodes: Record<string, { params?: Record<string, unknown> }>;
      };
      graph.nodes.mark!.params!.file = 'assets/missing.png';
      const file = join(home, 'g.weft.json');
      await writeFile(file, JSON.stringify(graph));
      const result = await weft(
        ['run', file, '--input-dir', 'graphs', '--out', join(home, 'out')],
        { home },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('✖ mark  Node "mark" (Load Image)');
      expect(result.stderr).toContain('was not found');
      expect(result.stderr).toContain('– save  not run: "mark" failed');
      expect(result.stderr).toMatch(/✓ name/);
    });
  });

  it('[X9] a graph needing a node type no pack provides is refused, naming the type', async () => {
    await withTempDir(async (home) => {
      const file = join(home, 'g.weft.json');
      await writeFile(
        file,
        JSON.stringify({
          format: 'weft/graph',
          version: 1,
          nodes: {
            fx: { type: 'acme/sparkle', params: { amount: 3 } },
            out: { type: 'core/preview-image', inputs: { image: 'fx.image' } },
          },
        }),
      );
      const result = await weft(['run', file], { home });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('"acme/sparkle"');
    });
  });

  it('[K1] Ctrl+C cancels: exit 130, a run-cancelled event, and a consistent cache afterwards', async () => {
    await withTempDir(async (home) => {
      // Big enough that each step takes a moment, so the signal lands mid-run.
      const file = join(home, 'slow.weft.json');
      await writeFile(file, JSON.stringify(slowGraph()));
      const args = [
        'run',
        file,
        '--json',
        '--out',
        join(home, 'out'),
        '--cache-dir',
        join(home, 'cache'),
      ];

      let sent = false;
      const cancelled = await weftProcess(args, {
        home,
        onStderrLine: (line, kill) => {
          if (!sent && line.includes('"node-start"')) {
            sent = true;
            kill('SIGINT');
          }
        },
      });
      expect(cancelled.code).toBe(130);
      const events = jsonEvents(cancelled.stderr);
      expect(events.at(-1)?.type).toBe('run-cancelled');
      expect(events.some((e) => e.type === 'node-skipped' && e.reason === 'cancelled')).toBe(true);

      const again = await weftProcess(args, { home });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).not.toMatch(/corrupt|damaged|could not/i);
    });
  }, 60_000);
});

describe('models', () => {
  it('a model graph runs on the bundled fixtures; asking for a missing GPU falls back to the CPU and says so', async () => {
    await withTempDir(async (home) => {
      const result = await weft(
        [
          'run',
          'graphs/depth-map.weft.json',
          '--json',
          '--no-cache',
          '--provider',
          'cuda',
          '--out',
          join(home, 'out'),
        ],
        { home },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('CUDA could not start');
      expect(result.stderr).toContain('running on the CPU instead');
      const logs = jsonEvents(result.stderr).filter((e) => e.type === 'log');
      expect(logs.map((e) => e.message)).toContain('toy-depth/model.onnx runs on CPU.');
      const summary = JSON.parse(result.stdout) as { record: string };
      const record = JSON.parse(await readFile(summary.record, 'utf8')) as {
        provider: string;
        providersUsed: string[];
        versions: Record<string, string>;
      };
      expect(record.provider).toBe('cuda');
      expect(record.providersUsed).toEqual(['cpu']);
      expect(record.versions.onnxruntime).toBe('1.30.0');
    });
  });

  it('a missing model is a node error that names it and lists what the library has', async () => {
    await withTempDir(async (home) => {
      const result = await weft(
        ['run', 'graphs/depth-map.weft.json', 'model=midas-v21', '--out', join(home, 'out')],
        { home },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'The depth model "midas-v21" is not in the model library. Models of this kind that are there: toy-depth.',
      );
    });
  });
});

describe('weft nodes', () => {
  it('--json prints the catalog the editor builds its UI from', async () => {
    await withTempDir(async (home) => {
      const result = await weft(['nodes', '--json'], { home });
      const catalog = JSON.parse(result.stdout) as {
        nodes: { type: string; params: { name: string }[] }[];
      };
      expect(catalog.nodes.map((node) => node.type)).toEqual(
        expect.arrayContaining(['core/save-image', 'core/text-template', 'core/composite']),
      );
      expect(
        catalog.nodes
          .find((node) => node.type === 'core/resize')!
          .params.map((param) => param.name),
      ).toEqual(['width', 'height', 'mode', 'kernel', 'padColor']);
      // Model params list the library's models of their kind (the editor's dropdowns).
      const depthLoader = catalog.nodes.find((node) => node.type === 'models/load-depth')!;
      expect(depthLoader.params[0]).toMatchObject({
        kind: 'model',
        modelKind: 'depth',
        options: ['toy-depth'],
      });
    });
  });
});
