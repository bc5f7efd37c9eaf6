/**
 * File-format migrations: an ordered list of one-step upgrades, version N to
 * N + 1, run on raw JSON before schema validation ([F4]). Each step returns a
 * new object (it never changes its argument), sets `version` to from + 1,
 * keeps every field it does not understand, and throws an Error with an
 * artist-readable message when the file cannot be upgraded without losing
 * something. Each step has a fixture test (fixtures/v<from>-*.weft.json).
 *
 * Version 0 was the pre-release format:
 *   { "format": "weft/graph", "version": 0, "title": "…",
 *     "nodes": [ { "id": "prompt", "type": "core/text",
 *                  "widgets": { "text": "…" },
 *                  "links": { "clip": { "node": "loader", "output": "clip" } },
 *                  "pos": [x, y], "size": [width, height] } ] }
 * Version 1 keys nodes by id, names `params` and `inputs`, writes
 * connections as "<nodeId>.<outputName>", keeps layout under `ui` and the
 * title under `meta.title`.
 */

export interface FileMigration {
  /** The version this step upgrades from. */
  from: number;
  /** One plain sentence, shown to the user in the load notes. */
  description: string;
  migrate(raw: Record<string, unknown>): Record<string, unknown>;
}

export const fileMigrations: readonly FileMigration[] = [
  {
    from: 0,
    description:
      'nodes are now keyed by id, widgets became params, links became "<nodeId>.<outputName>" inputs, positions moved to ui, and the title moved to meta.title.',
    migrate: migrateV0,
  },
];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function migrateV0(raw: JsonObject): JsonObject {
  const { title, nodes, ...rest } = raw;
  const next: JsonObject = { ...rest, version: 1 };
  if (Array.isArray(nodes)) next.nodes = nodesV0(nodes);
  else if (nodes !== undefined) next.nodes = nodes;

  if (title !== undefined) {
    const meta = rest.meta === undefined ? {} : rest.meta;
    // A meta that is not an object, or already has a title, keeps the old title
    // at the top level as an unknown field: nothing is lost.
    if (isObject(meta) && meta.title === undefined) next.meta = { ...meta, title };
    else next.title = title;
  }
  return next;
}

function nodesV0(nodes: readonly unknown[]): JsonObject {
  // Built as entries: a hostile id such as "__proto__" must stay a plain key.
  const byId = new Map<string, JsonObject>();
  nodes.forEach((node, index) => {
    if (!isObject(node) || typeof node.id !== 'string') {
      throw new Error(`node number ${index + 1} in the "nodes" list has no "id" text`);
    }
    const { id, widgets, links, pos, size, ...rest } = node;
    if (byId.has(id)) throw new Error(`two nodes are both called "${id}"; rename one of them`);
    const next: JsonObject = { ...rest };
    if (widgets !== undefined) next.params = widgets;
    if (links !== undefined) next.inputs = linksV0(id, links);
    const ui = uiV0(pos, size);
    if (ui) next.ui = ui;
    else {
      // Not the [x, y] / [width, height] shape: kept as they were, for validation to show.
      if (pos !== undefined) next.pos = pos;
      if (size !== undefined) next.size = size;
    }
    byId.set(id, next);
  });
  return Object.fromEntries(byId);
}

function linksV0(nodeId: string, links: unknown): unknown {
  if (!isObject(links)) return links;
  return Object.fromEntries(
    Object.entries(links).map(([name, link]) => {
      if (!isObject(link) || typeof link.node !== 'string' || typeof link.output !== 'string') {
        throw new Error(
          `node "${nodeId}": link "${name}" should be { "node": "<id>", "output": "<name>" }`,
        );
      }
      return [name, `${link.node}.${link.output}`];
    }),
  );
}

/** [x, y] and optional [width, height] → ui; undefined when they do not have that shape. */
function uiV0(pos: unknown, size: unknown): JsonObject | undefined {
  if (!isPair(pos)) return undefined;
  if (size !== undefined && !isPair(size)) return undefined;
  const ui: JsonObject = { x: pos[0], y: pos[1] };
  if (size) {
    ui.width = size[0];
    ui.height = size[1];
  }
  return ui;
}

function isPair(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number'
  );
}
