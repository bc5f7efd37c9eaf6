import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRAPH_SCHEMA_ID, graphJsonSchemaText } from '../engine/common/graph/jsonSchema.ts';

const published = new URL('../docs/graph.schema.json', import.meta.url);

describe('docs/graph.schema.json', () => {
  it('[F18] matches the graph schema', () => {
    const text = existsSync(published) ? readFileSync(published, 'utf8') : '';
    expect(text, 'docs/graph.schema.json is stale: run npm run schema').toBe(graphJsonSchemaText());
  });

  it('[F18] names itself and the draft it follows', () => {
    const schema = JSON.parse(graphJsonSchemaText()) as Record<string, unknown>;
    expect(Object.keys(schema).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
    expect(schema.$id).toBe('https://weft.dev/schema/graph-v1.json');
    expect(GRAPH_SCHEMA_ID).toBe(schema.$id);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['format', 'version', 'nodes']);
  });
});
