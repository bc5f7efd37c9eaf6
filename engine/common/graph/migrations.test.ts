import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGraphText } from './load.ts';
import { fileMigrations } from './migrations.ts';
import { GRAPH_VERSION } from './schema.ts';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function step(from: number): (raw: Record<string, unknown>) => Record<string, unknown> {
  const migration = fileMigrations.find((candidate) => candidate.from === from);
  if (!migration) throw new Error(`no migration from ${from}`);
  return (raw) => migration.migrate(raw);
}

describe('file migrations', () => {
  it('[F4] form one chain of single steps from version 0 up to the current version', () => {
    expect(fileMigrations.map((migration) => migration.from)).toEqual([0]);
    expect(fileMigrations.at(-1)!.from + 1).toBe(GRAPH_VERSION);
  });

  it('[F4] 0→1 turns the v0 node list into keyed nodes with params, inputs and ui', () => {
    const raw = JSON.parse(fixture('v0-title-card.weft.json')) as Record<string, unknown>;
    expect(step(0)(raw)).toStrictEqual({
      format: 'weft/graph',
      version: 1,
      meta: { title: 'Title card' },
      nodes: {
        prompt: {
          type: 'core/text',
          params: { text: 'a red circle on a white ground' },
          ui: { x: 40, y: 80 },
        },
        sampler: {
          type: 'diffusion/sampler',
          params: { seed: 7, steps: 20, cfg: 7.5, scheduler: 'euler' },
          inputs: { positive: 'prompt.text' },
          ui: { x: 320, y: 80, width: 260, height: 180 },
        },
        save: {
          type: 'core/save-image',
          params: { prefix: 'title-card' },
          inputs: { image: 'sampler.image' },
          ui: { x: 640, y: 80 },
        },
      },
    });
  });

  it('[F4] [F2] 0→1 keeps fields it does not know, and never drops a title', () => {
    const raw = JSON.parse(fixture('v0-kept-fields.weft.json')) as Record<string, unknown>;
    expect(step(0)(raw)).toStrictEqual({
      format: 'weft/graph',
      version: 1,
      title: 'Old title',
      meta: { title: 'Newer title', author: 'Ada' },
      license: 'CC-BY-4.0',
      nodes: {
        note: { type: 'core/note', comment: 'no widgets, no links', pos: 'top-left' },
        blur: {
          type: 'image/blur',
          params: { radius: 2 },
          inputs: {},
          ui: { x: 10, y: 20 },
          bypass: true,
        },
      },
    });
  });

  it('[F4] 0→1 leaves its argument unchanged', () => {
    const raw = JSON.parse(fixture('v0-title-card.weft.json')) as Record<string, unknown>;
    const before = structuredClone(raw);
    step(0)(raw);
    expect(raw).toEqual(before);
  });

  it('[F4] 0→1 refuses two nodes with one id rather than keep only one of them', () => {
    const raw = {
      format: 'weft/graph',
      version: 0,
      nodes: [
        { id: 'prompt', type: 'core/text' },
        { id: 'prompt', type: 'core/text' },
      ],
    };
    expect(() => step(0)(raw)).toThrow('two nodes are both called "prompt"; rename one of them');
  });

  it('[F4] 0→1 refuses a link it cannot write as "<nodeId>.<outputName>"', () => {
    const raw = {
      format: 'weft/graph',
      version: 0,
      nodes: [{ id: 'save', type: 'core/save-image', links: { image: 'sampler' } }],
    };
    expect(() => step(0)(raw)).toThrow(
      'node "save": link "image" should be { "node": "<id>", "output": "<name>" }',
    );
  });

  it('[F4] [F12] a v0 file loads as v1 and says it was upgraded', () => {
    const result = loadGraphText(fixture('v0-title-card.weft.json'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.graph.version).toBe(1);
    expect(result.graph.nodes.sampler?.inputs).toEqual({ positive: 'prompt.text' });
    expect(result.notes).toEqual([
      'Upgraded the file from format version 0 to 1: nodes are now keyed by id, widgets became params, links became "<nodeId>.<outputName>" inputs, positions moved to ui, and the title moved to meta.title.',
    ]);
  });

  it('[F4] a v0 file whose upgrade fails is refused with the reason', () => {
    const text = JSON.stringify({
      format: 'weft/graph',
      version: 0,
      nodes: [{ type: 'core/text' }],
    });
    const result = loadGraphText(text, { source: 'old.weft.json' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_GRAPH',
        message:
          'old.weft.json could not be upgraded from format version 0 to 1: node number 1 in the "nodes" list has no "id" text.',
        issues: [{ path: '', message: 'node number 1 in the "nodes" list has no "id" text' }],
      },
    });
  });
});
