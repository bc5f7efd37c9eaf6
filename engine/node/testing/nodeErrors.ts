/** Test helper: awaits a promise that must reject with a NodeError, and returns it. */
import { expect } from 'vitest';
import { NodeError } from '../../common/nodeApi.ts';

export async function expectNodeError(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}
