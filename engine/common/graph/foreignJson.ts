/**
 * One sentence for JSON that is not a Weft graph: what it seems to be, and
 * what a graph file looks like instead ([F8]).
 */
import { GRAPH_FORMAT } from './schema.ts';

const GRAPH_SHAPE = `a Weft graph file is a JSON object that starts with "format": "${GRAPH_FORMAT}"`;

export function notAGraphMessage(value: unknown, subject: string): string {
  if (Array.isArray(value)) return `${subject} holds a JSON list, not a graph: ${GRAPH_SHAPE}.`;
  if (typeof value !== 'object' || value === null) {
    return `${subject} holds a single JSON value (${JSON.stringify(value)}), not a graph: ${GRAPH_SHAPE}.`;
  }
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.nodes) && Array.isArray(record.links)) {
    return `${subject} looks like a ComfyUI workflow. Weft cannot open ComfyUI workflows; rebuild the graph in Weft with the matching nodes.`;
  }
  const entries = Object.values(record);
  if (entries.length > 0 && entries.every((entry) => isObject(entry) && 'class_type' in entry)) {
    return `${subject} looks like a ComfyUI workflow in API format. Weft cannot open ComfyUI workflows; rebuild the graph in Weft with the matching nodes.`;
  }
  if (typeof record.format === 'string') {
    return `${subject} is a "${record.format}" file, not a graph: ${GRAPH_SHAPE}.`;
  }
  return `${subject} is JSON but not a Weft graph: ${GRAPH_SHAPE}.`;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
