import { describe, expect, it } from 'vitest';
import { loadGraphText } from '../../engine/common/graph/load.ts';
import { testDefinitionOf, txt2img } from '../testing/catalog.ts';
import { withGraphExtension } from './fileActions.ts';
import { baseName, loadErrorDetails, missingTypesMessage } from './loadGraph.ts';

describe('loading graphs into the editor', () => {
  it('names the missing node types, once each, with how many nodes use them', () => {
    const graph = txt2img();
    expect(missingTypesMessage(graph, testDefinitionOf)).toBeUndefined();
    graph.nodes.a = { type: 'audio/warp' };
    expect(missingTypesMessage(graph, testDefinitionOf)).toBe(
      '1 node uses a type this Weft does not have (audio/warp). It is shown as a placeholder and saved unchanged; install the node pack to run it.',
    );
    graph.nodes.b = { type: 'audio/warp' };
    graph.nodes.c = { type: 'video/x' };
    expect(missingTypesMessage(graph, testDefinitionOf)).toMatch(
      /^3 nodes use types this Weft does not have \(audio\/warp, video\/x\)\. They are shown as placeholders/,
    );
  });

  it('lists every schema problem of an invalid file as details', () => {
    const loaded = loadGraphText(
      '{"format":"weft/graph","version":1,"nodes":{"a":{"type":1},"b":{"type":""}}}',
    );
    expect(loaded.ok).toBe(false);
    const details = !loaded.ok ? loadErrorDetails(loaded.error) : undefined;
    expect(details?.split('\n')).toHaveLength(2);
    expect(details).toContain('nodes.a.type');
  });

  it('adds the graph extension to a bare name only', () => {
    expect(withGraphExtension('graphs/poster')).toBe('graphs/poster.weft.json');
    expect(withGraphExtension(' /graphs/poster.weft.json ')).toBe('graphs/poster.weft.json');
    expect(withGraphExtension('notes.json')).toBe('notes.json');
    expect(baseName('graphs/a/b.weft.json')).toBe('b.weft.json');
  });
});
