/**
 * Tiny node types for engine tests: arithmetic on numbers, so results are
 * known exactly, plus nodes that fail, wait for cancellation or count calls.
 */
import type { NodeImplementation } from '../../common/nodeApi.ts';
import { defineNode, NodeError } from '../../common/nodeApi.ts';
import { NodeRegistry } from '../../common/registry.ts';

export interface CallLog {
  calls: string[];
}

export function createTestRegistry(log: CallLog = { calls: [] }): NodeRegistry {
  const counted = (node: NodeImplementation): NodeImplementation => ({
    ...node,
    run: async (inputs, params, ctx) => {
      log.calls.push(ctx.nodeId);
      return node.run(inputs, params, ctx);
    },
  });
  return new NodeRegistry().register(
    ...[
      defineNode({
        definition: {
          type: 'test/number',
          version: 1,
          title: 'Number',
          category: 'Test',
          description: 'Outputs its value.',
          inputs: [],
          outputs: [{ name: 'value', type: 'FLOAT' }],
          params: [{ kind: 'float', name: 'value', default: 0, min: -1000, max: 1000 }],
        },
        run: async (_inputs, params) => ({ value: params.value as number }),
      }),
      defineNode({
        definition: {
          type: 'test/add',
          version: 1,
          title: 'Add',
          category: 'Test',
          description: 'a + b + offset',
          inputs: [
            { name: 'a', type: 'FLOAT' },
            { name: 'b', type: 'FLOAT', optional: true },
          ],
          outputs: [{ name: 'sum', type: 'FLOAT' }],
          params: [{ kind: 'float', name: 'offset', default: 0 }],
        },
        run: async (inputs, params) => ({
          sum:
            (inputs.a as number) +
            ((inputs.b as number | undefined) ?? 0) +
            (params.offset as number),
        }),
      }),
      defineNode({
        definition: {
          type: 'test/random',
          version: 1,
          title: 'Random',
          category: 'Test',
          description: 'A new number every run.',
          inputs: [],
          outputs: [{ name: 'value', type: 'FLOAT' }],
          params: [],
          flags: { nondeterministic: true },
        },
        run: async () => ({ value: Math.random() }),
      }),
      defineNode({
        definition: {
          type: 'test/fail',
          version: 1,
          title: 'Fail',
          category: 'Test',
          description: 'Always fails.',
          inputs: [{ name: 'a', type: 'FLOAT', optional: true }],
          outputs: [{ name: 'value', type: 'FLOAT' }],
          params: [],
        },
        run: async () => {
          throw new NodeError(
            'TEST_FAILURE',
            'This node always fails. Remove it to continue.',
            'a',
          );
        },
      }),
      defineNode({
        definition: {
          type: 'test/wait',
          version: 1,
          title: 'Wait',
          category: 'Test',
          description:
            'Passes a through after ms milliseconds, reporting progress; stops when cancelled.',
          inputs: [{ name: 'a', type: 'FLOAT' }],
          outputs: [{ name: 'value', type: 'FLOAT' }],
          params: [{ kind: 'int', name: 'ms', default: 20, min: 0, max: 60000 }],
        },
        run: async (inputs, params, ctx) => {
          const steps = 4;
          for (let step = 1; step <= steps; step++) {
            ctx.signal.throwIfAborted();
            await new Promise<void>((resolve, reject) => {
              const onAbort = () => {
                clearTimeout(timer);
                reject(ctx.signal.reason as Error);
              };
              const timer = setTimeout(
                () => {
                  ctx.signal.removeEventListener('abort', onAbort);
                  resolve();
                },
                (params.ms as number) / steps,
              );
              ctx.signal.addEventListener('abort', onAbort, { once: true });
            });
            ctx.progress(step, steps);
          }
          return { value: inputs.a as number };
        },
      }),
      defineNode({
        definition: {
          type: 'test/file-size',
          version: 1,
          title: 'File size',
          category: 'Test',
          description: 'The size in bytes of a file it reads.',
          inputs: [],
          outputs: [{ name: 'value', type: 'FLOAT' }],
          params: [{ kind: 'file', name: 'file', default: '', accept: ['.txt'] }],
        },
        run: async (_inputs, params, ctx) => ({
          value: (await ctx.files.read(params.file as string)).length,
        }),
      }),
      defineNode({
        definition: {
          type: 'test/sink',
          version: 1,
          title: 'Sink',
          category: 'Test',
          description: 'An output node that records what it got.',
          inputs: [{ name: 'value', type: 'FLOAT' }],
          outputs: [{ name: 'seen', type: 'FLOAT' }],
          params: [],
          flags: { output: true },
        },
        run: async (inputs) => ({ seen: inputs.value as number }),
      }),
    ].map(counted),
  );
}
