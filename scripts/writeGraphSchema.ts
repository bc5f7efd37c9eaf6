// Writes docs/graph.schema.json from the graph file schema: `npm run schema`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { graphJsonSchemaText } from '../engine/common/graph/jsonSchema.ts';

const target = new URL('../docs/graph.schema.json', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, graphJsonSchemaText());
console.log(`Wrote ${fileURLToPath(target)}`);
