import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGraphText } from './load.ts';
import { serializeGraph } from './write.ts';

const guide = readFileSync(new URL('../../../docs/GRAPH-FORMAT.md', import.meta.url), 'utf8');

describe('docs/GRAPH-FORMAT.md', () => {
  it('[F1] its complete example loads and is exactly what the writer writes', () => {
    const section = guide.slice(guide.indexOf('## A complete example'));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const loaded = loadGraphText(example!);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.notes).toEqual([]);
    expect(serializeGraph(loaded.graph)).toBe(example);
  });
});
