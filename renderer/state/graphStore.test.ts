import { describe, expect, it } from 'vitest';
import { serializeGraph } from '../../engine/common/graph/write.ts';
import { testDefinitionOf, txt2img } from '../testing/catalog.ts';
import { createGraphStore } from './graphStore.ts';

function openStore() {
  const store = createGraphStore({ definitionOf: testDefinitionOf, random: () => 0.5 });
  store.getState().openDocument(txt2img(), { filePath: 'graphs/t.weft.json', dirty: false });
  return store;
}

describe('graph store', () => {
  it('opening a document starts a fresh history: undo never reaches the previous file', () => {
    const store = openStore();
    store.getState().setParam('sampler', 'steps', 8);
    store.getState().openDocument(txt2img(), { filePath: 'graphs/other.weft.json', dirty: false });
    expect(store.getState().history.past).toEqual([]);
    store.getState().undo();
    expect(store.getState()).toMatchObject({ filePath: 'graphs/other.weft.json', dirty: false });
    expect(store.getState().graph.nodes.sampler!.params!.steps).toBe(20);
  });

  it('replacing the graph (History restore) is one undoable step inside the same document', () => {
    const store = openStore();
    const restored = txt2img();
    restored.nodes.sampler!.params!.steps = 3;
    store.getState().replaceGraph(restored);
    expect(store.getState()).toMatchObject({ filePath: 'graphs/t.weft.json', dirty: true });
    store.getState().undo();
    expect(store.getState().graph.nodes.sampler!.params!.steps).toBe(20);
    expect(store.getState().dirty).toBe(false);
  });

  it('opens a document clean; an edit makes it dirty, undoing it makes it clean again', () => {
    const store = openStore();
    expect(store.getState()).toMatchObject({ dirty: false, filePath: 'graphs/t.weft.json' });
    store.getState().setParam('sampler', 'steps', 8);
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().graph.nodes.sampler!.params!.steps).toBe(20);
    store.getState().redo();
    expect(store.getState().graph.nodes.sampler!.params!.steps).toBe(8);
  });

  it('typing in one field is one undo step; another field or a blur starts a new one', () => {
    const store = openStore();
    const { setParam, endGesture } = store.getState();
    for (const text of ['a', 'a b', 'a bl', 'a blue']) setParam('positive', 'prompt', text);
    setParam('sampler', 'steps', 5);
    setParam('sampler', 'steps', 6);
    endGesture();
    setParam('sampler', 'steps', 7);
    const labels = store.getState().history.past.map((step) => step.label);
    expect(labels).toEqual(['Change prompt', 'Change steps', 'Change steps']);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().graph.nodes.sampler!.params!.steps).toBe(20);
    store.getState().undo();
    expect(store.getState().graph.nodes.positive!.params!.prompt).toBe('a red circle');
  });

  it('one drag is one step however many moves it sends', () => {
    const store = openStore();
    for (let x = 0; x < 50; x++)
      store.getState().moveNodes({ save: { x, y: 0 }, decode: { x, y: 9 } }, true);
    store.getState().endGesture();
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().graph.nodes.save!.ui).toEqual({ x: 1160, y: 100 });
  });

  it('keeps at least 200 steps of history', () => {
    const store = openStore();
    for (let steps = 1; steps <= 250; steps++) {
      store.getState().setParam('sampler', 'steps', steps);
      store.getState().endGesture();
    }
    for (let i = 0; i < 200; i++) store.getState().undo();
    expect(store.getState().graph.nodes.sampler!.params!.steps).toBe(50);
  });

  it('adds a node wired to the handle a wire was dropped from, in one step', () => {
    const store = openStore();
    const id = store.getState().addNode(
      'core/preview-image',
      { x: 1200.4, y: 300 },
      {
        nodeId: 'decode',
        handle: 'image',
        kind: 'source',
        type: 'IMAGE',
      },
    );
    expect(id).toBe('preview-image');
    expect(store.getState().graph.nodes[id]).toEqual({
      type: 'core/preview-image',
      version: 1,
      ui: { x: 1200, y: 300 },
      inputs: { image: 'decode.image' },
    });
    expect(store.getState().selection).toEqual([id]);
    store.getState().undo();
    expect(store.getState().graph.nodes[id]).toBeUndefined();
    expect(store.getState().selection).toEqual([]);
  });

  it('a wire dragged back from an input adds a node that gives its type', () => {
    const store = openStore();
    const id = store.getState().addNode(
      'diffusion/empty-latent',
      { x: 0, y: 600 },
      {
        nodeId: 'decode',
        handle: 'latent',
        kind: 'target',
        type: 'LATENT',
      },
    );
    expect(store.getState().graph.nodes.decode!.inputs!.latent).toBe(`${id}.latent`);
  });

  it('reconnect moves a wire in one step', () => {
    const store = openStore();
    store
      .getState()
      .reconnect(
        { target: 'sampler', input: 'positive' },
        { source: 'positive', output: 'conditioning', target: 'sampler', input: 'negative' },
      );
    const inputs = store.getState().graph.nodes.sampler!.inputs!;
    expect(inputs.positive).toBeUndefined();
    expect(inputs.negative).toBe('positive.conditioning');
    store.getState().undo();
    expect(store.getState().graph.nodes.sampler!.inputs!.positive).toBe('positive.conditioning');
  });

  it('deletes nodes, connections and groups of the selection in one step', () => {
    const store = openStore();
    store.getState().addGroup({ title: 'G', x: 0, y: 0, width: 10, height: 10 });
    store.getState().setSelection(['latent'], ['save:image'], [0]);
    store.getState().removeSelection();
    const graph = store.getState().graph;
    expect(graph.nodes.latent).toBeUndefined();
    expect(graph.nodes.sampler!.inputs!.latent).toBeUndefined();
    expect(graph.nodes.save!.inputs).toBeUndefined();
    expect(graph.groups).toBeUndefined();
    store.getState().undo();
    expect(serializeGraph(store.getState().graph)).toContain('"title": "G"');
  });

  it('renames a node and its references, refusing taken ids', () => {
    const store = openStore();
    store.getState().setSelection(['sampler']);
    expect(store.getState().renameNode('sampler', 'decode')).toContain('already a node "decode"');
    expect(store.getState().renameNode('sampler', 'k')).toBeUndefined();
    expect(store.getState().graph.nodes.decode!.inputs!.latent).toBe('k.latent');
    expect(store.getState().selection).toEqual(['k']);
  });

  it('duplicates the selection with fresh ids and selects the copies', () => {
    const store = openStore();
    store.getState().setSelection(['sampler', 'decode']);
    store.getState().duplicateSelection();
    expect(store.getState().selection).toEqual(['sampler-2', 'decode-2']);
    expect(store.getState().graph.nodes['decode-2']!.inputs).toEqual({
      latent: 'sampler-2.latent',
    });
    expect(store.getState().graph.nodes['sampler-2']!.ui).toEqual({ x: 640, y: 140 });
  });

  it('toggles bypass and collapse on all or none', () => {
    const store = openStore();
    store.getState().toggleMode(['decode', 'save'], 'bypass');
    expect(store.getState().graph.nodes.decode!.mode).toBe('bypass');
    store.getState().toggleMode(['decode', 'save'], 'bypass');
    expect(store.getState().graph.nodes.save).not.toHaveProperty('mode');
    expect(store.getState().graph.nodes.save!.ui).toEqual({ x: 1160, y: 100 });
    store.getState().toggleCollapsed(['save']);
    expect(store.getState().graph.nodes.save!.ui!.collapsed).toBe(true);
  });

  it('advanceSeeds applies the seed modes as one undoable step', () => {
    const store = openStore();
    store.getState().advanceSeeds();
    expect(store.getState().history.past).toHaveLength(0);
    store.getState().setSeedMode('sampler', 'seed', 'randomize');
    expect(store.getState().graph.nodes.sampler!.ui!.seedModes).toEqual({ seed: 'randomize' });
    store.getState().advanceSeeds();
    expect(store.getState().graph.nodes.sampler!.params!.seed).toBe(2 ** 31);
    store.getState().undo();
    expect(store.getState().graph.nodes.sampler!.params!.seed).toBe(1);
  });

  it('markSaved makes the saved graph the clean state', () => {
    const store = openStore();
    store.getState().setParam('sampler', 'cfg', 4);
    const saved = store.getState().graph;
    store.getState().markSaved('graphs/other.weft.json', saved);
    expect(store.getState()).toMatchObject({ dirty: false, filePath: 'graphs/other.weft.json' });
    store.getState().undo();
    expect(store.getState().dirty).toBe(true);
  });

  it('a group dragged with selected members moves each node once, in one step', () => {
    const store = openStore();
    store.getState().addGroup({ title: 'G', x: -10, y: -10, width: 400, height: 100 });
    const members = ['pipeline', 'positive'];
    // React Flow moves the selected node itself; the group carries the other member.
    store
      .getState()
      .moveItems(
        { positive: { x: 300, y: 10 } },
        [{ index: 0, position: { x: 10, y: 0 }, members }],
        true,
      );
    store
      .getState()
      .moveItems(
        { positive: { x: 310, y: 20 } },
        [{ index: 0, position: { x: 20, y: 10 }, members }],
        true,
      );
    store.getState().endGesture();
    const graph = store.getState().graph;
    expect(graph.nodes.positive!.ui).toEqual({ x: 310, y: 20 });
    expect(graph.nodes.pipeline!.ui).toEqual({ x: 30, y: 20 });
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().graph.nodes.pipeline!.ui).toEqual({ x: 0, y: 0 });
  });

  it('moving a group carries its members', () => {
    const store = openStore();
    store.getState().addGroup({ title: 'G', x: -10, y: -10, width: 400, height: 100 });
    store.getState().moveGroup(0, { x: 0, y: 0 }, ['pipeline', 'positive'], true);
    store.getState().moveGroup(0, { x: 90, y: 10 }, ['pipeline', 'positive'], true);
    const graph = store.getState().graph;
    expect(graph.groups![0]).toMatchObject({ x: 90, y: 10 });
    expect(graph.nodes.positive!.ui).toEqual({ x: 380, y: 20 });
    expect(store.getState().history.past.map((step) => step.label)).toEqual([
      'Add group',
      'Move group G',
    ]);
  });
});
