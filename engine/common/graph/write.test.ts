import { describe, expect, it } from 'vitest';
import type { GraphLoadResult } from './load.ts';
import { loadGraphText } from './load.ts';
import type { GraphFile } from './schema.ts';
import { serializeGraph } from './write.ts';

// Every level carries a field format v1 does not know, and "glow" is a node of
// a type no installed pack provides.
const EXAMPLE = `{
  "zeta": { "b": 2, "a": [ { "y": 1, "x": 0 } ] },
  "nodes": {
    "save": {
      "inputs": { "image": "sampler.image" },
      "params": { "prefix": "card", "format": "png" },
      "type": "core/save-image"
    },
    "glow": {
      "type": "missing-pack/glow",
      "bypass": false,
      "ui": { "glowPreview": true, "y": 40, "x": 900 },
      "version": 4,
      "params": { "radius": 3 }
    },
    "sampler": {
      "ui": { "color": "#335", "collapsed": false, "height": 180, "width": 260, "y": 80, "x": 320, "anchor": "left" },
      "title": "Main sampler",
      "version": 2,
      "type": "diffusion/sampler",
      "params": { "steps": 20, "seed": 7, "cfg": 7.5 },
      "inputs": { "positive": "prompt.text" }
    },
    "prompt": { "type": "core/text", "params": { "text": "a red circle" } }
  },
  "models": [
    { "url": "https://example.com/sd.onnx", "sha256": "${'a'.repeat(64)}", "kind": "diffusion", "name": "toy-sd", "license": "MIT", "size": 1024 }
  ],
  "groups": [
    { "height": 200, "width": 400, "y": 0, "x": 0, "color": "#222", "title": "Prompting", "locked": true },
    { "title": "Output", "x": 800, "y": 0, "width": 300, "height": 200 }
  ],
  "inputs": {
    "seed": { "description": "The noise seed", "param": "sampler.seed", "hidden": false },
    "prompt": { "param": "prompt.text" }
  },
  "meta": { "tags": ["demo"], "appVersion": "0.1.0", "author": "Ada", "description": "A demo", "title": "Title card" },
  "version": 1,
  "format": "weft/graph"
}`;

const EXPECTED = `{
  "format": "weft/graph",
  "version": 1,
  "meta": {
    "title": "Title card",
    "description": "A demo",
    "author": "Ada",
    "appVersion": "0.1.0",
    "tags": [
      "demo"
    ]
  },
  "inputs": {
    "prompt": {
      "param": "prompt.text"
    },
    "seed": {
      "param": "sampler.seed",
      "description": "The noise seed",
      "hidden": false
    }
  },
  "nodes": {
    "glow": {
      "type": "missing-pack/glow",
      "version": 4,
      "params": {
        "radius": 3
      },
      "ui": {
        "x": 900,
        "y": 40,
        "glowPreview": true
      },
      "bypass": false
    },
    "prompt": {
      "type": "core/text",
      "params": {
        "text": "a red circle"
      }
    },
    "sampler": {
      "type": "diffusion/sampler",
      "version": 2,
      "title": "Main sampler",
      "params": {
        "cfg": 7.5,
        "seed": 7,
        "steps": 20
      },
      "inputs": {
        "positive": "prompt.text"
      },
      "ui": {
        "x": 320,
        "y": 80,
        "width": 260,
        "height": 180,
        "collapsed": false,
        "color": "#335",
        "anchor": "left"
      }
    },
    "save": {
      "type": "core/save-image",
      "params": {
        "format": "png",
        "prefix": "card"
      },
      "inputs": {
        "image": "sampler.image"
      }
    }
  },
  "groups": [
    {
      "title": "Prompting",
      "color": "#222",
      "x": 0,
      "y": 0,
      "width": 400,
      "height": 200,
      "locked": true
    },
    {
      "title": "Output",
      "x": 800,
      "y": 0,
      "width": 300,
      "height": 200
    }
  ],
  "models": [
    {
      "name": "toy-sd",
      "kind": "diffusion",
      "sha256": "${'a'.repeat(64)}",
      "size": 1024,
      "url": "https://example.com/sd.onnx",
      "license": "MIT"
    }
  ],
  "zeta": {
    "a": [
      {
        "x": 0,
        "y": 1
      }
    ],
    "b": 2
  }
}
`;

function graphOf(result: GraphLoadResult): GraphFile {
  if (!result.ok) throw new Error(result.error.message);
  return result.graph;
}

/** The same JSON with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reverseKeys(member)]),
  );
}

describe('serializeGraph', () => {
  it('[F1] writes the fixed key order, sorted records, 2-space indent and a final newline', () => {
    expect(serializeGraph(graphOf(loadGraphText(EXAMPLE)))).toBe(EXPECTED);
  });

  it('[F1] the order of keys in the input does not change the bytes', () => {
    const reversed = JSON.stringify(reverseKeys(JSON.parse(EXAMPLE)));
    expect(serializeGraph(graphOf(loadGraphText(reversed)))).toBe(EXPECTED);
  });

  it('[F1] load → save → load is a fixed point, and saving twice gives the same bytes', () => {
    const first = graphOf(loadGraphText(EXAMPLE));
    const saved = serializeGraph(first);
    const second = graphOf(loadGraphText(saved));
    expect(second).toStrictEqual(first);
    expect(serializeGraph(second)).toBe(saved);
    expect(serializeGraph(first)).toBe(saved);
  });

  it('[F2] [F3] unknown fields at every level and placeholder nodes survive a round trip', () => {
    const loaded = graphOf(loadGraphText(EXAMPLE, { nodeTypes: () => undefined }));
    const again = JSON.parse(serializeGraph(loaded)) as unknown;
    expect(again).toStrictEqual(JSON.parse(EXAMPLE));
  });

  it('[F1] keeps array order and writes empty objects and lists compactly', () => {
    const graph: GraphFile = {
      format: 'weft/graph',
      version: 1,
      nodes: { b: { type: 'core/text', params: {} }, a: { type: 'core/note', order: [3, 1, 2] } },
      groups: [],
    };
    expect(serializeGraph(graph)).toBe(
      '{\n  "format": "weft/graph",\n  "version": 1,\n  "nodes": {\n    "a": {\n      "type": "core/note",\n      "order": [\n        3,\n        1,\n        2\n      ]\n    },\n    "b": {\n      "type": "core/text",\n      "params": {}\n    }\n  },\n  "groups": []\n}\n',
    );
  });

  it('[F1] matches JSON.stringify byte for byte apart from key order', () => {
    const saved = serializeGraph(graphOf(loadGraphText(EXAMPLE)));
    expect(saved).toBe(`${JSON.stringify(JSON.parse(saved), null, 2)}\n`);
  });
});
