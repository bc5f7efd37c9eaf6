import { describe, expect, it } from 'vitest';
import { loadGraphText } from '../../engine/common/graph/load.ts';
import { txt2img } from '../testing/catalog.ts';
import { copyText, extractFragment, parsePastedText, pasteFragment } from './clipboard.ts';

describe('clipboard', () => {
  it('copies a selection as a loadable graph with only its inner connections', () => {
    const text = copyText(txt2img(), ['sampler', 'decode']);
    const loaded = loadGraphText(text);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(Object.keys(loaded.graph.nodes).sort()).toEqual(['decode', 'sampler']);
    expect(loaded.graph.nodes.sampler!.inputs).toBeUndefined();
    expect(loaded.graph.nodes.decode!.inputs).toEqual({ latent: 'sampler.latent' });
    expect(text.startsWith('{\n  "format": "weft/graph",\n  "version": 1,\n  "nodes": {')).toBe(
      true,
    );
  });

  it('pastes with fresh ids, remapped wires and the top-left corner at the point', () => {
    const graph = txt2img();
    const fragment = extractFragment(graph, ['sampler', 'decode']);
    const { graph: next, ids } = pasteFragment(graph, fragment, { x: 0, y: 1000 });
    expect(ids).toEqual(
      new Map([
        ['sampler', 'sampler-2'],
        ['decode', 'decode-2'],
      ]),
    );
    expect(next.nodes['decode-2']!.inputs).toEqual({ latent: 'sampler-2.latent' });
    expect(next.nodes['sampler-2']!.ui).toEqual({ x: 0, y: 1000 });
    expect(next.nodes['decode-2']!.ui).toEqual({ x: 300, y: 1000 });
    expect(next.nodes.sampler).toBe(graph.nodes.sampler);
  });

  it('pastes hand-written graph text: nodes without ui are laid out, outside wires dropped', () => {
    const text = JSON.stringify({
      format: 'weft/graph',
      version: 1,
      nodes: {
        a: { type: 'core/int', params: { value: 3 } },
        b: { type: 'core/text-template', inputs: { a: 'a.value', b: 'elsewhere.value' } },
      },
    });
    const parsed = parsePastedText(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const { graph } = pasteFragment(txt2img(), parsed.fragment, { x: 100, y: 100 });
    expect(graph.nodes.a!.ui).toEqual({ x: 100, y: 100 });
    expect(graph.nodes.b!.ui).toEqual({ x: 420, y: 100 });
    expect(graph.nodes.b!.inputs).toEqual({ a: 'a.value' });
  });

  it('says plainly when the clipboard holds no nodes', () => {
    expect(parsePastedText('hello')).toEqual({
      ok: false,
      message:
        'The clipboard holds no Weft nodes. Copy nodes in Weft, or the text of a .weft.json file, and paste again.',
    });
    const newer = parsePastedText('{"format":"weft/graph","version":99,"nodes":{}}');
    expect(!newer.ok && newer.message).toContain('Update Weft');
  });
});
