/**
 * The published JSON Schema of graph files ([F18]), generated from the one
 * zod schema so the two never drift. docs/graph.schema.json holds a copy
 * (`npm run schema` rewrites it; a test fails when it is stale). It describes
 * the current version only: older files are upgraded by Weft when loaded.
 */
import { z } from 'zod';
import { GRAPH_VERSION, graphFileSchema } from './schema.ts';

export const GRAPH_SCHEMA_ID = `https://weft.dev/schema/graph-v${GRAPH_VERSION}.json`;

export function graphJsonSchemaText(): string {
  const { $schema, ...schema } = z.toJSONSchema(graphFileSchema, { io: 'input' });
  const document = {
    $schema,
    $id: GRAPH_SCHEMA_ID,
    title: 'Weft graph file',
    description: `A Weft node graph (*.weft.json), format version ${GRAPH_VERSION}. Fields not listed here are allowed and kept. See docs/GRAPH-FORMAT.md.`,
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
