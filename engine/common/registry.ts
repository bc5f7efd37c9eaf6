/**
 * The explicit registry of node implementations. Registering a type twice
 * throws: two packs silently fighting over one type is a bug to surface.
 */
import type { Catalog, NodeDefinition } from './catalog.ts';
import { nodeDefinitionSchema } from './catalog.ts';
import type { NodeImplementation } from './nodeApi.ts';

export interface DefinitionLookup {
  definition(type: string): NodeDefinition | undefined;
}

export class NodeRegistry implements DefinitionLookup {
  readonly #nodes = new Map<string, NodeImplementation>();

  register(...nodes: readonly NodeImplementation[]): this {
    for (const node of nodes) {
      const type = node.definition.type;
      if (this.#nodes.has(type)) throw new Error(`Node type "${type}" is registered twice`);
      const parsed = nodeDefinitionSchema.safeParse(node.definition);
      if (!parsed.success) {
        throw new Error(`Node type "${type}" has an invalid definition: ${parsed.error.message}`);
      }
      checkMigrations(node);
      this.#nodes.set(type, node);
    }
    return this;
  }

  get(type: string): NodeImplementation | undefined {
    return this.#nodes.get(type);
  }

  definition(type: string): NodeDefinition | undefined {
    return this.#nodes.get(type)?.definition;
  }

  types(): string[] {
    return [...this.#nodes.keys()].sort();
  }

  catalog(): Catalog {
    return { nodes: this.types().map((type) => this.#nodes.get(type)!.definition) };
  }
}

function checkMigrations(node: NodeImplementation): void {
  const steps = node.migrations ?? [];
  steps.forEach((step, index) => {
    if (step.from !== index + 1) {
      throw new Error(
        `Node type "${node.definition.type}": migration ${index} must start at version ${index + 1}`,
      );
    }
  });
  if (steps.length > 0 && steps.length + 1 !== node.definition.version) {
    throw new Error(
      `Node type "${node.definition.type}" is version ${node.definition.version} but its migrations end at ${steps.length + 1}`,
    );
  }
}
