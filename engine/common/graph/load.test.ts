import { describe, expect, it } from 'vitest';
import type { NodeDefinition } from '../catalog.ts';
import type { NodeMigration } from '../nodeApi.ts';
import { defineNode } from '../nodeApi.ts';
import { NodeRegistry } from '../registry.ts';
import type { GraphLoadResult, NodeTypeLookup } from './load.ts';
import { loadGraphObject, loadGraphText } from './load.ts';

const EXAMPLE = `{
  "format": "weft/graph",
  "version": 1,
  "meta": { "title": "Title card" },
  "nodes": {
    "prompt": {
      "type": "core/text",
      "params": { "text": "a red circle" },
      "ui": { "x": 40, "y": 80 }
    },
    "save": {
      "type": "core/save-image",
      "params": { "prefix": "card" },
      "inputs": { "image": "prompt.text" }
    }
  }
}
`;

function errorOf(result: GraphLoadResult): Extract<GraphLoadResult, { ok: false }>['error'] {
  if (result.ok) throw new Error('expected the load to fail');
  return result.error;
}

function graphOf(result: GraphLoadResult): Extract<GraphLoadResult, { ok: true }> {
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('loadGraphText: text that is not JSON', () => {
  it('[F6] a parse error mid-file says the line and column (V8 "at position N")', () => {
    const text = EXAMPLE.replace('"type": "core/text",', '"type": "core/text"');
    const error = errorOf(loadGraphText(text, { source: 'card.weft.json' }));
    expect(error).toEqual({
      code: 'NOT_JSON',
      line: 8,
      column: 7,
      message:
        "card.weft.json is not valid JSON at line 8, column 7: expected ',' or '}' after property value. Look there for a missing or extra comma, quote or bracket.",
    });
  });

  it('[F6] a stray character says where it is even when V8 gives no position', () => {
    const text = EXAMPLE.replace('"x": 40', '"x": left');
    const error = errorOf(loadGraphText(text));
    expect(error.code).toBe('NOT_JSON');
    expect([error.line, error.column]).toEqual([9, 20]);
    expect(error.message).toBe(
      'The file is not valid JSON at line 9, column 20: unexpected character "l". Look there for a missing or extra comma, quote or bracket.',
    );
  });

  it('[F7] a file cut off while saving is TRUNCATED and names its last line', () => {
    const cut = EXAMPLE.slice(0, EXAMPLE.indexOf('"inputs"'));
    const error = errorOf(loadGraphText(cut, { source: 'card.weft.json' }));
    expect(error).toEqual({
      code: 'TRUNCATED',
      line: 13,
      column: 38,
      message:
        'card.weft.json ends early, at line 13: it was probably cut off while saving. Restore it from a backup or an autosave, or finish it by hand.',
    });
  });

  it('[F7] a file cut inside a string is TRUNCATED too', () => {
    const cut = EXAMPLE.slice(0, EXAMPLE.indexOf('circle'));
    expect(errorOf(loadGraphText(cut)).code).toBe('TRUNCATED');
  });

  it('[F7] an empty file is TRUNCATED at line 1, column 1', () => {
    for (const text of ['', '  \n\t\n']) {
      expect(errorOf(loadGraphText(text))).toEqual({
        code: 'TRUNCATED',
        line: 1,
        column: 1,
        message:
          'The file is empty: it was probably cut off while saving. Restore it from a backup or an autosave.',
      });
    }
  });

  it('[F6] text after the graph is NOT_JSON at the first extra character', () => {
    const error = errorOf(loadGraphText(`${EXAMPLE}}`));
    expect([error.code, error.line, error.column]).toEqual(['NOT_JSON', 18, 1]);
  });

  it('[F19] a UTF-8 byte order mark before the JSON is accepted', () => {
    expect(graphOf(loadGraphText(`\uFEFF${EXAMPLE}`)).graph.meta).toEqual({ title: 'Title card' });
  });

  it('[F17] a key written twice in one object is refused with its place', () => {
    const text = EXAMPLE.replace('"save": {', '"prompt": {');
    const error = errorOf(loadGraphText(text));
    expect(error).toEqual({
      code: 'INVALID_GRAPH',
      line: 11,
      column: 5,
      message:
        'The file has the key "prompt" twice in the same object, at line 11, column 5 (nodes.prompt). Only one would be kept, so rename or remove one of them.',
      issues: [{ path: 'nodes.prompt', message: 'appears twice in the same object' }],
    });
  });
});

describe('loadGraphObject: JSON that is not a graph', () => {
  it('[F8] a plain object is NOT_A_GRAPH and says what a graph looks like', () => {
    expect(errorOf(loadGraphObject({ name: 'x' }))).toEqual({
      code: 'NOT_A_GRAPH',
      message:
        'The file is JSON but not a Weft graph: a Weft graph file is a JSON object that starts with "format": "weft/graph".',
    });
  });

  it('[F8] a ComfyUI workflow is recognised as one', () => {
    const comfy = { last_node_id: 9, nodes: [{ id: 3, type: 'KSampler' }], links: [] };
    expect(errorOf(loadGraphText(JSON.stringify(comfy), { source: 'wf.json' }))).toEqual({
      code: 'NOT_A_GRAPH',
      message:
        'wf.json looks like a ComfyUI workflow. Weft cannot open ComfyUI workflows; rebuild the graph in Weft with the matching nodes.',
    });
  });

  it('[F8] a ComfyUI workflow in API format is recognised too', () => {
    const api = {
      '3': { class_type: 'KSampler', inputs: { seed: 1 } },
      '4': { class_type: 'SaveImage', inputs: {} },
    };
    expect(errorOf(loadGraphObject(api)).message).toBe(
      'The file looks like a ComfyUI workflow in API format. Weft cannot open ComfyUI workflows; rebuild the graph in Weft with the matching nodes.',
    );
  });

  it('[F8] lists, single values and other formats are NOT_A_GRAPH', () => {
    expect(errorOf(loadGraphText('[1, 2]')).message).toContain('holds a JSON list, not a graph');
    expect(errorOf(loadGraphText('42')).message).toContain('holds a single JSON value (42)');
    expect(errorOf(loadGraphObject({ format: 'weft/run' })).message).toContain(
      'is a "weft/run" file, not a graph',
    );
  });
});

describe('loadGraphObject: versions', () => {
  it('[F5] a newer format version is refused, naming both versions', () => {
    const error = errorOf(loadGraphObject({ format: 'weft/graph', version: 3, nodes: {} }));
    expect(error).toEqual({
      code: 'NEWER_VERSION',
      message:
        'The file was saved in graph format version 3, but this Weft reads format version 1 and older. Update Weft to open it.',
    });
  });

  it('[F9] a file without a version is refused, not guessed', () => {
    const error = errorOf(loadGraphObject({ format: 'weft/graph', nodes: {} }));
    expect(error.code).toBe('INVALID_GRAPH');
    expect(error.message).toBe(
      'The file has no "version"; a graph file states its format version as a whole number, e.g. "version": 1. Weft does not guess it.',
    );
    expect(error.issues).toEqual([{ path: 'version', message: 'is required but missing' }]);
  });

  it('[F9] a version that is not a whole number, or older than any format, is refused', () => {
    expect(
      errorOf(loadGraphObject({ format: 'weft/graph', version: '1', nodes: {} })).message,
    ).toContain('has "version": "1";');
    expect(errorOf(loadGraphObject({ format: 'weft/graph', version: -1, nodes: {} })).message).toBe(
      'The file has "version": -1, which no Weft ever wrote; the oldest format version is 0.',
    );
  });
});

describe('loadGraphObject: schema', () => {
  it('[F10] every schema problem is listed with a readable path and a plain message', () => {
    const error = errorOf(
      loadGraphObject(
        {
          format: 'weft/graph',
          version: 1,
          meta: { title: 3 },
          nodes: {
            'bad id': { type: 'core/text' },
            sampler: {
              type: 'diffusion/sampler',
              version: 1.5,
              params: { seed: [1], steps: '20' },
              inputs: { positive: 'prompt' },
              ui: { x: 'left', y: 0 },
            },
          },
          groups: [{ title: 'Inputs', x: 0, y: 0, width: 0, height: 100 }],
          models: [{ name: 'sd', kind: 'diffusion', sha256: 'abc', url: 'nowhere' }],
        },
        { source: 'card.weft.json' },
      ),
    );
    expect(error.code).toBe('INVALID_GRAPH');
    expect(error.issues).toEqual([
      { path: 'meta.title', message: 'should be text, not 3' },
      {
        path: 'nodes["bad id"]',
        message:
          '"bad id" is not an allowed name here: a node id starts with a letter and uses only letters, digits, "-" and "_"',
      },
      { path: 'nodes.sampler.version', message: 'should be a whole number, not 1.5' },
      {
        path: 'nodes.sampler.params.seed',
        message: 'should be a number, text or true/false, not a list',
      },
      {
        path: 'nodes.sampler.inputs.positive',
        message: 'a connection is written "<nodeId>.<outputName>", e.g. "prompt.text"',
      },
      { path: 'nodes.sampler.ui.x', message: 'should be a number, not the text "left"' },
      { path: 'groups[0].width', message: 'must be greater than 0, not 0' },
      {
        path: 'models[0].sha256',
        message: 'should be a SHA-256 hash: 64 lowercase hexadecimal digits (0-9, a-f)',
      },
      {
        path: 'models[0].url',
        message: 'should be a web address, such as "https://example.com/model.onnx"',
      },
    ]);
    expect(error.message).toBe(
      'card.weft.json is not a valid graph (9 problems). The first: meta.title: should be text, not 3.',
    );
  });

  it('[F10] a missing required field says so', () => {
    const error = errorOf(
      loadGraphObject({ format: 'weft/graph', version: 1, nodes: { a: { params: {} } } }),
    );
    expect(error.issues).toEqual([{ path: 'nodes.a.type', message: 'is required but missing' }]);
    expect(error.message).toBe(
      'The file is not a valid graph: nodes.a.type: is required but missing.',
    );
  });

  it('[F2] loading does not change the object it was given', () => {
    const value = JSON.parse(EXAMPLE) as unknown;
    const before = structuredClone(value);
    graphOf(loadGraphObject(value, { nodeTypes: samplerTypes() }));
    expect(value).toEqual(before);
  });
});

// A node type at version 3: v1 called the step count "iterations", v2 had no
// negative prompt input yet.
const samplerDefinition: NodeDefinition = {
  type: 'test/sampler',
  version: 3,
  title: 'Sampler',
  category: 'test',
  description: 'A sampler for migration tests.',
  inputs: [],
  outputs: [{ name: 'image', type: 'IMAGE' }],
  params: [{ name: 'steps', kind: 'int', default: 20 }],
};
const samplerMigrations: NodeMigration[] = [
  {
    from: 1,
    description: 'the "iterations" param is now called "steps".',
    migrate: ({ params, inputs }) => {
      const { iterations, ...rest } = params;
      return { params: iterations === undefined ? rest : { ...rest, steps: iterations }, inputs };
    },
  },
  {
    from: 2,
    description: 'the prompt input is now called "positive".',
    migrate: ({ params, inputs }) => {
      const { prompt, ...rest } = inputs;
      return { params, inputs: prompt === undefined ? rest : { ...rest, positive: prompt } };
    },
  },
];

function samplerTypes(): NodeTypeLookup {
  const registry = new NodeRegistry().register(
    defineNode({
      definition: samplerDefinition,
      migrations: samplerMigrations,
      run: async () => ({}),
    }),
    defineNode({
      definition: { ...samplerDefinition, type: 'test/plain', version: 2, params: [] },
      run: async () => ({}),
    }),
  );
  return (type) => registry.get(type);
}

function graphWith(nodes: Record<string, unknown>): unknown {
  return { format: 'weft/graph', version: 1, nodes };
}

describe('loadGraphObject: node migrations', () => {
  it("[F11] [F12] an old node runs each of its type's steps in order and is stamped with the new version", () => {
    const loaded = graphOf(
      loadGraphObject(
        graphWith({
          sampler: {
            type: 'test/sampler',
            params: { iterations: 12 },
            inputs: { prompt: 'text.value' },
            ui: { x: 1, y: 2 },
            pinned: true,
          },
        }),
        { nodeTypes: samplerTypes() },
      ),
    );
    expect(loaded.graph.nodes.sampler).toStrictEqual({
      type: 'test/sampler',
      version: 3,
      params: { steps: 12 },
      inputs: { positive: 'text.value' },
      ui: { x: 1, y: 2 },
      pinned: true,
    });
    expect(loaded.notes).toEqual([
      'Upgraded node sampler (test/sampler) from version 1 to 2: the "iterations" param is now called "steps".',
      'Upgraded node sampler (test/sampler) from version 2 to 3: the prompt input is now called "positive".',
    ]);
  });

  it('[F11] a node saved at version 2 runs only the step from 2', () => {
    const loaded = graphOf(
      loadGraphObject(
        graphWith({ sampler: { type: 'test/sampler', version: 2, params: { iterations: 5 } } }),
        { nodeTypes: samplerTypes() },
      ),
    );
    expect(loaded.graph.nodes.sampler).toStrictEqual({
      type: 'test/sampler',
      version: 3,
      params: { iterations: 5 },
    });
    expect(loaded.notes).toHaveLength(1);
  });

  it('[F11] a type that bumped its version without migrations just stamps the version', () => {
    const loaded = graphOf(
      loadGraphObject(graphWith({ plain: { type: 'test/plain' } }), { nodeTypes: samplerTypes() }),
    );
    expect(loaded.graph.nodes.plain).toStrictEqual({ type: 'test/plain', version: 2 });
    expect(loaded.notes).toEqual([
      'Upgraded node plain (test/plain) from version 1 to 2: no changes to its settings were needed.',
    ]);
  });

  it('[F11] a node saved by a newer definition, or already current, is left alone', () => {
    const nodes = {
      future: { type: 'test/sampler', version: 5, params: { iterations: 1 } },
      current: { type: 'test/sampler', version: 3, params: { steps: 4 } },
    };
    const loaded = graphOf(loadGraphObject(graphWith(nodes), { nodeTypes: samplerTypes() }));
    expect(loaded.graph.nodes).toStrictEqual(nodes);
    expect(loaded.notes).toEqual([]);
  });

  it('[F3] a node of an unknown type is kept exactly, every field included', () => {
    const placeholder = {
      type: 'missing-pack/glow',
      version: 4,
      title: 'Glow',
      params: { radius: 3, mode: 'soft' },
      inputs: { image: 'sampler.image' },
      ui: { x: 5, y: 6, width: 200, glowPreview: true },
      packUrl: 'https://example.com/glow',
    };
    const loaded = graphOf(
      loadGraphObject(graphWith({ glow: placeholder }), { nodeTypes: samplerTypes() }),
    );
    expect(loaded.graph.nodes.glow).toStrictEqual(placeholder);
  });

  it('[F11] a migration that throws refuses the file and names the node', () => {
    const broken: NodeTypeLookup = () => ({
      definition: { ...samplerDefinition, version: 2 },
      migrations: [
        {
          from: 1,
          description: 'breaks',
          migrate: () => {
            throw new Error('no steps to convert');
          },
        },
      ],
    });
    const error = errorOf(
      loadGraphObject(graphWith({ sampler: { type: 'test/sampler' } }), { nodeTypes: broken }),
    );
    expect(error.code).toBe('INVALID_GRAPH');
    expect(error.message).toBe(
      "Could not upgrade node sampler (test/sampler) from version 1 to 2: no steps to convert. Report this to the author of the node's pack.",
    );
    expect(error.issues).toEqual([
      { path: 'nodes.sampler', message: 'its upgrade from version 1 failed: no steps to convert' },
    ]);
  });

  it('[F11] a migration that writes an invalid node is caught', () => {
    const broken: NodeTypeLookup = () => ({
      definition: { ...samplerDefinition, version: 2 },
      migrations: [
        {
          from: 1,
          description: 'writes a bad connection',
          migrate: ({ params }) => ({ params, inputs: { positive: 'nowhere' } }),
        },
      ],
    });
    const error = errorOf(
      loadGraphObject(graphWith({ sampler: { type: 'test/sampler' } }), { nodeTypes: broken }),
    );
    expect(error.message).toBe(
      'Upgrading node sampler (test/sampler) to version 2 produced an invalid node (inputs.positive: a connection is written "<nodeId>.<outputName>", e.g. "prompt.text"). Report this to the author of the node\'s pack.',
    );
  });
});

describe('loadGraphText: keys JavaScript cannot keep', () => {
  it('[F2] a "__proto__" key is refused with its path rather than dropped', () => {
    const text =
      '{"format": "weft/graph", "version": 1, "nodes": {"a": {"type": "x/y", "ui": {"x": 0, "y": 0, "__proto__": {"b": 1}}}}}';
    const error = errorOf(loadGraphText(text));
    expect(error).toEqual({
      code: 'INVALID_GRAPH',
      message:
        'The file uses the key "__proto__" (at nodes.a.ui.__proto__), which Weft cannot keep. Rename it.',
      issues: [{ path: 'nodes.a.ui.__proto__', message: 'is a name Weft cannot keep' }],
    });
  });
});
