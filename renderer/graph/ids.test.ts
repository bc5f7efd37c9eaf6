import { describe, expect, it } from 'vitest';
import { freshId, idStem } from './ids.ts';

describe('node ids', () => {
  it('derives a readable stem from the type', () => {
    expect(idStem('diffusion/sampler')).toBe('sampler');
    expect(idStem('core/load-image')).toBe('load-image');
    expect(idStem('x/3d')).toBe('d');
    expect(idStem('x/123')).toBe('node');
  });

  it('counts up from a taken id, reusing its number', () => {
    const taken = new Set(['sampler', 'sampler-2', 'sampler-3']);
    expect(freshId('sampler', (id) => taken.has(id))).toBe('sampler-4');
    expect(freshId('sampler-2', (id) => taken.has(id))).toBe('sampler-4');
    expect(freshId('prompt', (id) => taken.has(id))).toBe('prompt');
  });
});
