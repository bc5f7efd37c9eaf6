import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeError } from '../../engine/common/nodeApi.ts';
import type { TestContext } from '../../engine/node/testing/testContext.ts';
import { createTestContext, runNode } from '../../engine/node/testing/testContext.ts';
import { noteNode } from './note.ts';
import { booleanNode, floatNode, intNode, seedNode, textNode } from './primitives.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestContext();
});
afterEach(async () => {
  await test.cleanup();
});

describe('primitive nodes', () => {
  it('output their param as `value` with the declared type', async () => {
    expect(await runNode(textNode, {}, { text: 'a red circle\nline two' }, test.ctx)).toEqual({
      value: 'a red circle\nline two',
    });
    expect(await runNode(intNode, {}, { value: -12 }, test.ctx)).toEqual({ value: -12 });
    expect(await runNode(floatNode, {}, { value: 0.25 }, test.ctx)).toEqual({ value: 0.25 });
    expect(await runNode(booleanNode, {}, { value: true }, test.ctx)).toEqual({ value: true });
    expect(await runNode(seedNode, {}, { seed: 123456789 }, test.ctx)).toEqual({
      value: 123456789,
    });
  });

  it('use their defaults when nothing is set', async () => {
    expect(await runNode(textNode, {}, {}, test.ctx)).toEqual({ value: '' });
    expect(await runNode(seedNode, {}, {}, test.ctx)).toEqual({ value: 0 });
  });

  it('refuse a value of the wrong kind with a NodeError naming the field', async () => {
    const error = await runNode(intNode, {}, { value: 2.5 }, test.ctx).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).field).toBe('value');
    expect((error as NodeError).message).toBe('Integer: "Value" must be a whole number, got 2.5.');
    await expect(runNode(seedNode, {}, { seed: -1 }, test.ctx)).rejects.toThrow(
      'Seed: "Seed" must be a whole number of at least 0, got -1.',
    );
    await expect(runNode(booleanNode, {}, { value: 'yes' }, test.ctx)).rejects.toThrow(
      /true or false/,
    );
  });
});

describe('core/note', () => {
  it('has no ports, is not an output node, and produces nothing', async () => {
    expect(noteNode.definition.inputs).toEqual([]);
    expect(noteNode.definition.outputs).toEqual([]);
    expect(noteNode.definition.flags?.output).toBeUndefined();
    expect(await runNode(noteNode, {}, { text: 'remember to set the seed' }, test.ctx)).toEqual({});
  });
});
