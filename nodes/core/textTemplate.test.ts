import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRng } from '../../engine/common/rng.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { textTemplateNode } from './textTemplate.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

describe('core/text-template', () => {
  it('fills {a}…{d} from the connected inputs', async () => {
    const outputs = await runNode(
      textTemplateNode,
      { a: 'cat', d: 'moon' },
      { template: 'a {a} under the {d}' },
      test.ctx,
    );
    expect(outputs).toEqual({ text: 'a cat under the moon' });
  });

  it('chooses options with ctx.rng(seed): same seed, same text', async () => {
    const template = '{red|green|blue} {circle|square|star}';
    for (const seed of [0, 5, 99]) {
      const rng = createRng(seed);
      const expected = `${['red', 'green', 'blue'][rng.int(3)]} ${['circle', 'square', 'star'][rng.int(3)]}`;
      expect(await runNode(textTemplateNode, {}, { template, seed }, test.ctx)).toEqual({
        text: expected,
      });
      expect(await runNode(textTemplateNode, {}, { template, seed }, test.ctx)).toEqual({
        text: expected,
      });
    }
  });

  it('reads __name__ wildcards from wildcards/name.txt next to the graph', async () => {
    await test.writeInput('wildcards/animals.txt', '# animals\nfox\n\nowl\r\nhare\n');
    await test.writeInput('wildcards/places/indoor.txt', 'kitchen\n');
    const rng = createRng(4);
    const animal = ['fox', 'owl', 'hare'][rng.int(3)];
    const outputs = await runNode(
      textTemplateNode,
      {},
      { template: 'a __animals__ in the __places/indoor__, then __animals__', seed: 4 },
      test.ctx,
    );
    rng.int(1);
    const second = ['fox', 'owl', 'hare'][rng.int(3)];
    expect(outputs).toEqual({ text: `a ${animal} in the kitchen, then ${second}` });
  });

  it('says which wildcard file is missing', async () => {
    await expect(
      runNode(textTemplateNode, {}, { template: 'a __nothing__' }, test.ctx),
    ).rejects.toThrow(/The file "wildcards\/nothing.txt" was not found/);
  });

  it('reports an unclosed brace by position', async () => {
    await expect(runNode(textTemplateNode, {}, { template: 'a {b' }, test.ctx)).rejects.toThrow(
      /never closed.*line 1, column 3/,
    );
  });
});
