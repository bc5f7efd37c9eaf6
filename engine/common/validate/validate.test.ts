import { describe, expect, it } from 'vitest';
import { nodeDefinitionSchema, type NodeDefinition } from '../catalog.ts';
import type { GraphFile } from '../graph/schema.ts';
import type { DefinitionLookup } from '../registry.ts';
import { validateGraph, type ValidationIssue } from './validate.ts';

const definitions: NodeDefinition[] = [
  {
    type: 'diffusion/pipeline-load',
    version: 1,
    title: 'Load pipeline',
    category: 'diffusion',
    description: 'Loads a diffusion pipeline.',
    inputs: [],
    outputs: [{ name: 'pipeline', type: 'DIFFUSION_PIPELINE' }],
    params: [{ name: 'model', kind: 'model', default: 'toy-sd', modelKind: 'diffusion' }],
  },
  {
    type: 'text/prompt',
    version: 1,
    title: 'Prompt',
    category: 'text',
    description: 'Text.',
    inputs: [],
    outputs: [{ name: 'text', type: 'TEXT' }],
    params: [{ name: 'text', kind: 'string', default: '', multiline: true }],
  },
  {
    type: 'prompt/encode',
    version: 1,
    title: 'Encode prompt',
    category: 'prompt',
    description: 'Text to conditioning.',
    inputs: [
      { name: 'pipeline', type: 'DIFFUSION_PIPELINE' },
      { name: 'text', type: 'TEXT' },
    ],
    outputs: [{ name: 'conditioning', type: 'CONDITIONING' }],
    params: [],
  },
  {
    type: 'diffusion/sampler',
    version: 2,
    title: 'Sampler',
    category: 'diffusion',
    description: 'Denoises a latent.',
    inputs: [
      { name: 'pipeline', type: 'DIFFUSION_PIPELINE' },
      { name: 'positive', type: 'CONDITIONING' },
      { name: 'negative', type: 'CONDITIONING', optional: true },
      { name: 'latent', type: 'LATENT', optional: true },
    ],
    outputs: [{ name: 'latent', type: 'LATENT' }],
    params: [
      { name: 'steps', kind: 'int', default: 20, min: 1, max: 150 },
      { name: 'cfg', kind: 'float', default: 7, min: 0, max: 30 },
      { name: 'seed', kind: 'seed', default: 0 },
      {
        name: 'sampler',
        kind: 'enum',
        options: ['euler', 'euler_a', 'dpmpp_2m'],
        default: 'euler',
      },
      { name: 'tiled', kind: 'boolean', default: false },
    ],
  },
  {
    type: 'diffusion/vae-decode',
    version: 1,
    title: 'Decode',
    category: 'diffusion',
    description: 'Latent to image.',
    inputs: [
      { name: 'pipeline', type: 'DIFFUSION_PIPELINE' },
      { name: 'latent', type: 'LATENT' },
    ],
    outputs: [{ name: 'image', type: 'IMAGE' }],
    params: [],
  },
  {
    type: 'image/load',
    version: 1,
    title: 'Load image',
    category: 'image',
    description: 'Reads an image file.',
    inputs: [],
    outputs: [
      { name: 'image', type: 'IMAGE' },
      { name: 'mask', type: 'MASK' },
    ],
    params: [{ name: 'file', kind: 'file', default: '', accept: ['.png'] }],
  },
  {
    type: 'image/save',
    version: 1,
    title: 'Save image',
    category: 'image',
    description: 'Writes an image file.',
    inputs: [{ name: 'image', type: 'IMAGE' }],
    outputs: [],
    params: [{ name: 'prefix', kind: 'string', default: 'weft' }],
    flags: { output: true },
  },
  {
    type: 'primitive/int',
    version: 1,
    title: 'Int',
    category: 'primitive',
    description: 'A whole number.',
    inputs: [],
    outputs: [{ name: 'value', type: 'INT' }],
    params: [{ name: 'value', kind: 'int', default: 0 }],
  },
  {
    type: 'primitive/float',
    version: 1,
    title: 'Float',
    category: 'primitive',
    description: 'A number.',
    inputs: [],
    outputs: [{ name: 'value', type: 'FLOAT' }],
    params: [{ name: 'value', kind: 'float', default: 0 }],
  },
  {
    type: 'math/add',
    version: 1,
    title: 'Add',
    category: 'math',
    description: 'a + b.',
    inputs: [
      { name: 'a', type: 'FLOAT' },
      { name: 'b', type: 'FLOAT', optional: true },
    ],
    outputs: [{ name: 'sum', type: 'FLOAT' }],
    params: [
      { name: 'atLeast', kind: 'int', default: 1, min: 1 },
      { name: 'atMost', kind: 'float', default: 0, max: 10 },
    ],
  },
];

const lookup: DefinitionLookup = {
  definition: (type) => definitions.find((definition) => definition.type === type),
};

function graphOf(nodes: GraphFile['nodes'], rest: Partial<GraphFile> = {}): GraphFile {
  return { format: 'weft/graph', version: 1, nodes, ...rest };
}

/** A valid txt2img graph to break one piece at a time. */
function txt2img(): GraphFile {
  return graphOf({
    pipeline: { type: 'diffusion/pipeline-load', params: { model: 'toy-sd' } },
    prompt: { type: 'text/prompt', params: { text: 'a red circle' } },
    positive: {
      type: 'prompt/encode',
      inputs: { pipeline: 'pipeline.pipeline', text: 'prompt.text' },
    },
    sampler: {
      type: 'diffusion/sampler',
      version: 2,
      params: { steps: 20, cfg: 7.5, seed: 42, sampler: 'euler_a', tiled: false },
      inputs: { pipeline: 'pipeline.pipeline', positive: 'positive.conditioning' },
    },
    decode: {
      type: 'diffusion/vae-decode',
      inputs: { pipeline: 'pipeline.pipeline', latent: 'sampler.latent' },
    },
    save: { type: 'image/save', inputs: { image: 'decode.image' } },
  });
}

/** `CODE node.field`, with "-" for an absent part: compact enough to assert whole lists. */
function brief(issues: readonly ValidationIssue[]): string[] {
  return issues.map((issue) => `${issue.code} ${issue.nodeId ?? '-'}.${issue.field ?? '-'}`);
}

function only(issues: readonly ValidationIssue[]): ValidationIssue {
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('validateGraph', () => {
  it('uses fake definitions that the real catalog schema accepts', () => {
    for (const definition of definitions) {
      expect(nodeDefinitionSchema.safeParse(definition).success).toBe(true);
    }
  });

  it('finds nothing wrong with a valid graph, even with params left at their defaults', () => {
    const graph = txt2img();
    delete graph.nodes.sampler!.params;
    expect(validateGraph(graph, lookup, { targets: ['save'] })).toEqual([]);
  });

  it('does not change the graph it checks', () => {
    const graph = txt2img();
    graph.nodes.sampler!.params = { steps: 500, eta: 1 };
    const before = structuredClone(graph);
    validateGraph(graph, lookup);
    expect(graph).toEqual(before);
  });

  describe('UNKNOWN_NODE_TYPE', () => {
    it('[X9] reports a placeholder exactly once, with no spurious issues on its edges', () => {
      const graph = txt2img();
      // The placeholder takes a LATENT into an input it may or may not have, and
      // save takes an output of it that no installed definition could confirm.
      graph.nodes.warp = {
        type: 'acme/warp',
        version: 7,
        params: { strength: 'lots' },
        inputs: { image: 'sampler.latent', anything: 'prompt.text' },
      };
      graph.nodes.save!.inputs = { image: 'warp.warped' };
      graph.inputs = { strength: { param: 'warp.strength' } };
      const issue = only(validateGraph(graph, lookup));
      expect(issue).toEqual({
        code: 'UNKNOWN_NODE_TYPE',
        severity: 'error',
        nodeId: 'warp',
        message:
          'Node "warp" has type "acme/warp", but no installed node pack provides it; install the missing pack (the node is kept as a placeholder until then).',
      });
    });

    it('still reports a placeholder input that comes from a node that does not exist', () => {
      const graph = txt2img();
      graph.nodes.warp = { type: 'acme/warp', inputs: { image: 'ghost.image' } };
      expect(brief(validateGraph(graph, lookup))).toEqual([
        'UNKNOWN_NODE_TYPE warp.-',
        'DANGLING_REFERENCE warp.image',
      ]);
    });
  });

  it('UNKNOWN_INPUT names the node, its type, and every valid input and param', () => {
    const graph = txt2img();
    graph.nodes.decode!.inputs!.vae = 'pipeline.pipeline';
    expect(only(validateGraph(graph, lookup))).toEqual({
      code: 'UNKNOWN_INPUT',
      severity: 'error',
      nodeId: 'decode',
      field: 'vae',
      message:
        'Node "decode" (diffusion/vae-decode) has no input or param "vae" to connect "pipeline.pipeline" to; its inputs are "pipeline", "latent" and its params are none.',
    });
  });

  it('DANGLING_REFERENCE names the missing node', () => {
    const graph = txt2img();
    graph.nodes.save!.inputs = { image: 'upscale.image' };
    expect(only(validateGraph(graph, lookup))).toMatchObject({
      code: 'DANGLING_REFERENCE',
      nodeId: 'save',
      field: 'image',
      message:
        'Input "image" of node "save" (image/save) is connected to "upscale.image", but there is no node "upscale"; reconnect it or remove the connection.',
    });
  });

  it('BAD_REFERENCE reports a connection not written "<nodeId>.<outputName>"', () => {
    // The file schema rejects this on load; a graph built in memory can still hold one.
    const graph = txt2img();
    graph.nodes.save!.inputs = { image: 'decode' };
    expect(only(validateGraph(graph, lookup))).toMatchObject({
      code: 'BAD_REFERENCE',
      nodeId: 'save',
      field: 'image',
      message:
        'Input "image" of node "save" (image/save) is connected to "decode", which is not written "<nodeId>.<outputName>"; reconnect it.',
    });
  });

  it('DANGLING_REFERENCE, not a crash, for a node id that is an Object prototype member', () => {
    const graph = txt2img();
    graph.nodes.save!.inputs = { image: 'constructor.image' };
    expect(brief(validateGraph(graph, lookup))).toEqual(['DANGLING_REFERENCE save.image']);
  });

  it('UNKNOWN_OUTPUT lists the outputs the source node does have', () => {
    const graph = txt2img();
    graph.nodes.load = { type: 'image/load' };
    graph.nodes.save!.inputs = { image: 'load.picture' };
    expect(only(validateGraph(graph, lookup))).toMatchObject({
      code: 'UNKNOWN_OUTPUT',
      nodeId: 'save',
      field: 'image',
      message:
        'Input "image" of node "save" (image/save) is connected to "load.picture", but node "load" (image/load) has no output "picture"; its outputs are "image", "mask".',
    });
  });

  describe('TYPE_MISMATCH', () => {
    it('shows both types, where the value comes from and where it goes', () => {
      const graph = txt2img();
      graph.nodes.load = { type: 'image/load' };
      graph.nodes.decode!.inputs!.latent = 'load.image';
      expect(only(validateGraph(graph, lookup))).toEqual({
        code: 'TYPE_MISMATCH',
        severity: 'error',
        nodeId: 'decode',
        field: 'latent',
        message:
          'IMAGE cannot connect to LATENT: "load.image" gives IMAGE but input "latent" of node "decode" (diffusion/vae-decode) takes LATENT; connect an output that gives LATENT instead.',
      });
    });

    it('[X7] checks a param fed by a connection against the param kind’s value type', () => {
      const graph = txt2img();
      graph.nodes.number = { type: 'primitive/float' };
      graph.nodes.sampler!.inputs!.steps = 'number.value';
      expect(only(validateGraph(graph, lookup))).toMatchObject({
        code: 'TYPE_MISMATCH',
        nodeId: 'sampler',
        field: 'steps',
        message:
          'FLOAT cannot connect to INT: "number.value" gives FLOAT but param "steps" of node "sampler" (diffusion/sampler) takes INT; connect an output that gives INT instead.',
      });
    });

    it('[X7] accepts a param fed by the right type and ignores the widget value it overrides', () => {
      const graph = txt2img();
      graph.nodes.number = { type: 'primitive/int' };
      graph.nodes.ratio = { type: 'primitive/float' };
      graph.nodes.sampler!.params = { steps: 500, cfg: 'high' };
      graph.nodes.sampler!.inputs!.steps = 'number.value';
      graph.nodes.sampler!.inputs!.cfg = 'ratio.value';
      expect(validateGraph(graph, lookup)).toEqual([]);
    });
  });

  it('MISSING_INPUT reports a required input left unconnected, not an optional one', () => {
    const graph = txt2img();
    delete graph.nodes.sampler!.inputs!.positive;
    expect(only(validateGraph(graph, lookup))).toEqual({
      code: 'MISSING_INPUT',
      severity: 'error',
      nodeId: 'sampler',
      field: 'positive',
      message:
        'Input "positive" of node "sampler" (diffusion/sampler) is not connected; connect an output that gives CONDITIONING to it.',
    });
  });

  describe('CYCLE', () => {
    it('names all three nodes of a loop in order, once, on its smallest node id', () => {
      const graph = graphOf({
        mix: { type: 'math/add', inputs: { a: 'tone.sum' } },
        blend: { type: 'math/add', inputs: { a: 'mix.sum' } },
        tone: { type: 'math/add', inputs: { a: 'blend.sum' } },
      });
      expect(only(validateGraph(graph, lookup))).toEqual({
        code: 'CYCLE',
        severity: 'error',
        nodeId: 'blend',
        message:
          'Node "blend" (math/add) is part of a loop: blend → tone → mix → blend; remove one of these connections.',
      });
    });

    it('reports a node fed by its own output as a cycle', () => {
      const graph = graphOf({ echo: { type: 'math/add', inputs: { a: 'echo.sum' } } });
      expect(only(validateGraph(graph, lookup)).message).toBe(
        'Node "echo" (math/add) feeds its own output back into itself: echo → echo; remove that connection.',
      );
    });

    it('reports separate loops separately, and a knot once, naming its other nodes', () => {
      const graph = graphOf({
        one: { type: 'math/add', inputs: { a: 'two.sum' } },
        two: { type: 'math/add', inputs: { a: 'one.sum' } },
        // p → q → p and p → r → p: one knot of three nodes.
        p: { type: 'math/add', inputs: { a: 'q.sum', b: 'r.sum' } },
        q: { type: 'math/add', inputs: { a: 'p.sum' } },
        r: { type: 'math/add', inputs: { a: 'p.sum' } },
      });
      const issues = validateGraph(graph, lookup);
      expect(brief(issues)).toEqual(['CYCLE one.-', 'CYCLE p.-']);
      expect(issues[1]!.message).toBe(
        'Node "p" (math/add) is part of a loop: p → q → p (r also caught in it); remove one of these connections.',
      );
    });

    it('finds a loop through a placeholder, whose edges are otherwise unchecked', () => {
      const graph = graphOf({
        add: { type: 'math/add', inputs: { a: 'warp.out' } },
        warp: { type: 'acme/warp', inputs: { x: 'add.sum' } },
      });
      expect(brief(validateGraph(graph, lookup))).toEqual([
        'CYCLE add.-',
        'UNKNOWN_NODE_TYPE warp.-',
      ]);
    });
  });

  describe('params', () => {
    function checkSampler(params: Record<string, number | string | boolean>): ValidationIssue {
      const graph = txt2img();
      graph.nodes.sampler!.params = params;
      return only(validateGraph(graph, lookup));
    }

    it('PARAM_TYPE says the expected kind and suggests the default', () => {
      expect(checkSampler({ steps: '20' })).toEqual({
        code: 'PARAM_TYPE',
        severity: 'error',
        nodeId: 'sampler',
        field: 'steps',
        message:
          'Param "steps" of node "sampler" (diffusion/sampler) expects an int (a whole number) but is "20"; set it to a whole number, such as its default 20.',
      });
      expect(checkSampler({ tiled: 1 }).message).toContain(
        'expects a boolean (true or false) but is 1',
      );
      expect(checkSampler({ cfg: true }).message).toContain(
        'expects a float (a number) but is true',
      );
      expect(checkSampler({ sampler: 2 }).message).toContain(
        'expects an enum (one of "euler", "euler_a", "dpmpp_2m") but is 2',
      );
    });

    it('PARAM_NOT_INTEGER rejects a fraction for an int or a seed, not for a float', () => {
      expect(checkSampler({ steps: 20.5 })).toMatchObject({
        code: 'PARAM_NOT_INTEGER',
        field: 'steps',
        message:
          'Param "steps" of node "sampler" (diffusion/sampler) must be a whole number; it is 20.5.',
      });
      expect(checkSampler({ seed: 1.5 })).toMatchObject({ code: 'PARAM_NOT_INTEGER' });
      const graph = txt2img();
      graph.nodes.sampler!.params = { cfg: 7 };
      expect(validateGraph(graph, lookup)).toEqual([]);
    });

    it('PARAM_RANGE shows the allowed min–max, inclusive at both ends', () => {
      expect(checkSampler({ steps: 500 })).toMatchObject({
        code: 'PARAM_RANGE',
        field: 'steps',
        message:
          'Param "steps" of node "sampler" (diffusion/sampler) must be between 1 and 150; it is 500.',
      });
      expect(checkSampler({ steps: 0 }).message).toContain('must be between 1 and 150; it is 0.');
      expect(checkSampler({ seed: -1 }).message).toContain(
        'must be between 0 and 9007199254740991; it is -1.',
      );
      const graph = txt2img();
      graph.nodes.sampler!.params = { steps: 150, cfg: 0 };
      expect(validateGraph(graph, lookup)).toEqual([]);
    });

    it('PARAM_RANGE words a one-sided range as "at least" or "at most"', () => {
      const graph = graphOf({
        one: { type: 'primitive/float' },
        add: { type: 'math/add', params: { atLeast: 0, atMost: 10.5 }, inputs: { a: 'one.value' } },
      });
      expect(validateGraph(graph, lookup).map((issue) => issue.message)).toEqual([
        'Param "atLeast" of node "add" (math/add) must be at least 1; it is 0.',
        'Param "atMost" of node "add" (math/add) must be at most 10; it is 10.5.',
      ]);
    });

    it('PARAM_ENUM lists the allowed values', () => {
      expect(checkSampler({ sampler: 'ddim' })).toMatchObject({
        code: 'PARAM_ENUM',
        field: 'sampler',
        message:
          'Param "sampler" of node "sampler" (diffusion/sampler) must be one of "euler", "euler_a", "dpmpp_2m"; it is "ddim".',
      });
    });

    it('UNKNOWN_PARAM is a warning that lists the params the type has', () => {
      expect(checkSampler({ eta: 0.5 })).toEqual({
        code: 'UNKNOWN_PARAM',
        severity: 'warning',
        nodeId: 'sampler',
        field: 'eta',
        message:
          'Param "eta" of node "sampler" (diffusion/sampler) is not a param of this type (maybe it was saved by another version), so it is ignored; its params are "steps", "cfg", "seed", "sampler", "tiled".',
      });
    });
  });

  it('NODE_VERSION_NEWER warns when the node was saved by a newer type version, not an older one', () => {
    const graph = txt2img();
    graph.nodes.sampler!.version = 3;
    graph.nodes.decode!.version = 1;
    graph.nodes.save!.version = undefined;
    expect(only(validateGraph(graph, lookup))).toEqual({
      code: 'NODE_VERSION_NEWER',
      severity: 'warning',
      nodeId: 'sampler',
      message:
        'Node "sampler" (diffusion/sampler) was saved with version 3 of its type, but version 2 is installed; update its node pack, or results may differ.',
    });
  });

  it('BAD_GRAPH_INPUT reports a missing node or param, and trusts a placeholder', () => {
    const graph = txt2img();
    graph.nodes.warp = { type: 'acme/warp' };
    graph.inputs = {
      seed: { param: 'sampler.seed' },
      steps: { param: 'ksampler.steps' },
      noise: { param: 'sampler.noise' },
      strength: { param: 'warp.strength' },
    };
    const issues = validateGraph(graph, lookup).filter((issue) => issue.code === 'BAD_GRAPH_INPUT');
    expect(issues).toEqual([
      {
        code: 'BAD_GRAPH_INPUT',
        severity: 'error',
        field: 'inputs.noise',
        message:
          'Graph input "noise" points to "sampler.noise", but node "sampler" (diffusion/sampler) has no param "noise"; its params are "steps", "cfg", "seed", "sampler", "tiled".',
      },
      {
        code: 'BAD_GRAPH_INPUT',
        severity: 'error',
        field: 'inputs.steps',
        message:
          'Graph input "steps" points to "ksampler.steps", but there is no node "ksampler"; point it at an existing node\'s param or remove it.',
      },
    ]);
  });

  it('UNKNOWN_TARGET reports each requested node id that does not exist, once', () => {
    const issues = validateGraph(txt2img(), lookup, { targets: ['save', 'preview', 'preview'] });
    expect(issues).toEqual([
      {
        code: 'UNKNOWN_TARGET',
        severity: 'error',
        field: 'targets',
        message:
          'Run target "preview" is not a node in this graph; check the node id (ids are case-sensitive).',
      },
    ]);
  });

  describe('a graph with many problems', () => {
    function broken(): GraphFile {
      return graphOf(
        {
          save: { type: 'image/save', params: { prefix: 3 } },
          sampler: {
            type: 'diffusion/sampler',
            version: 5,
            params: { steps: 500, cfg: 7.5, sampler: 'ddim', eta: 0, seed: 2.5, vae: 1 },
            inputs: {
              pipeline: 'loader.pipeline',
              positive: 'prompt.text',
              latent: 'decode.latent',
              vae: 'pipeline.vae',
            },
          },
          pipeline: { type: 'diffusion/pipeline-load' },
          prompt: { type: 'text/prompt', params: { text: false } },
          decode: {
            type: 'diffusion/vae-decode',
            inputs: { pipeline: 'pipeline.pipeline', latent: 'sampler.latent' },
          },
          upscale: { type: 'esrgan/upscale', inputs: { image: 'decode.image' } },
        },
        { inputs: { seed: { param: 'sampler.seeds' } } },
      );
    }

    it('[X5] reports every issue at once, sorted by node id, then field, then code', () => {
      expect(brief(validateGraph(broken(), lookup, { targets: ['out'] }))).toEqual([
        'BAD_GRAPH_INPUT -.inputs.seed',
        'UNKNOWN_TARGET -.targets',
        'CYCLE decode.-',
        'PARAM_TYPE prompt.text',
        'NODE_VERSION_NEWER sampler.-',
        'UNKNOWN_PARAM sampler.eta',
        'UNKNOWN_OUTPUT sampler.latent',
        'DANGLING_REFERENCE sampler.pipeline',
        'TYPE_MISMATCH sampler.positive',
        'PARAM_ENUM sampler.sampler',
        'PARAM_NOT_INTEGER sampler.seed',
        'PARAM_RANGE sampler.steps',
        'UNKNOWN_INPUT sampler.vae',
        'UNKNOWN_PARAM sampler.vae',
        'MISSING_INPUT save.image',
        'PARAM_TYPE save.prefix',
        'UNKNOWN_NODE_TYPE upscale.-',
      ]);
    });

    it('gives the same list whatever order the file lists its nodes in', () => {
      const graph = broken();
      const reversed = {
        ...graph,
        nodes: Object.fromEntries(Object.entries(graph.nodes).reverse()),
      };
      expect(validateGraph(reversed, lookup)).toEqual(validateGraph(graph, lookup));
    });
  });
});
