import { describe, expect, it } from 'vitest';
import { catalogSchema } from '../../engine/common/catalog.ts';
import { allNodes, createDefaultRegistry } from '../index.ts';
import { corePack } from './index.ts';

describe('the core pack', () => {
  it('registers every node type once, with valid definitions', () => {
    const registry = createDefaultRegistry();
    expect(registry.types().filter((type) => type.startsWith('core/'))).toEqual(
      [
        'core/boolean',
        'core/composite',
        'core/crop',
        'core/float',
        'core/gradient',
        'core/int',
        'core/load-image',
        'core/note',
        'core/pad',
        'core/preview-image',
        'core/resize',
        'core/save-image',
        'core/seed',
        'core/solid-color',
        'core/text',
        'core/text-template',
      ].sort(),
    );
    expect(allNodes.slice(0, corePack.length)).toEqual([...corePack]);
    // The catalog is plain data: it survives JSON and still validates.
    const catalog = JSON.parse(JSON.stringify(registry.catalog())) as unknown;
    expect(catalogSchema.parse(catalog)).toEqual(registry.catalog());
  });

  it('uses the four palette categories and writes a title and description for every node', () => {
    for (const { definition } of corePack) {
      expect(['Primitives', 'Text', 'Image', 'Utility']).toContain(definition.category);
      expect(definition.title.length).toBeGreaterThan(2);
      expect(definition.description.length).toBeGreaterThan(20);
      for (const param of definition.params) {
        if (param.kind === 'enum') expect(param.options).toContain(param.default);
        if ((param.kind === 'int' || param.kind === 'float') && param.min !== undefined)
          expect(param.default).toBeGreaterThanOrEqual(param.min);
        if ((param.kind === 'int' || param.kind === 'float') && param.max !== undefined)
          expect(param.default).toBeLessThanOrEqual(param.max);
      }
    }
  });

  it('marks exactly save and preview as output nodes', () => {
    const outputs = corePack
      .filter((node) => node.definition.flags?.output)
      .map((node) => node.definition.type);
    expect(outputs.sort()).toEqual(['core/preview-image', 'core/save-image']);
  });

  it('gives a fresh registry each time', () => {
    expect(createDefaultRegistry()).not.toBe(createDefaultRegistry());
  });
});
