import { describe, expect, it } from 'vitest';
import { OnnxBuilder } from './builder.ts';
import { readModelMetadata } from './metadata.ts';

describe('readModelMetadata', () => {
  it('reads back every metadata_props entry the builder wrote, past graph and opset fields', async () => {
    const model = new OnnxBuilder('g');
    model.op('Identity', [model.input('a', 'float32', [2])], {}, 'b');
    model.output('b', 'float32', [2]);
    model.floats([1.5, -2]);
    model.metadata('weft.fixture', 'probe').metadata('note', 'ünïcode, 2/(W−1)');
    expect(await readModelMetadata(model.build())).toEqual({
      'weft.fixture': 'probe',
      note: 'ünïcode, 2/(W−1)',
    });
  });
});
