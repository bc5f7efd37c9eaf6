import { describe, expect, it } from 'vitest';
import { compareIssues, createIssue } from './issue.ts';

describe('createIssue', () => {
  it('takes the severity from the code and leaves absent places out of the object', () => {
    const issue = createIssue('UNKNOWN_PARAM', 'm', { nodeId: 'a' });
    expect(issue).toStrictEqual({
      code: 'UNKNOWN_PARAM',
      severity: 'warning',
      nodeId: 'a',
      message: 'm',
    });
    expect(Object.keys(createIssue('CYCLE', 'm'))).toEqual(['code', 'severity', 'message']);
  });
});

describe('compareIssues', () => {
  it('orders graph-level first, then node id, then node-level before fields, then code, then message', () => {
    const issues = [
      createIssue('PARAM_TYPE', 'm', { nodeId: 'b', field: 'x' }),
      createIssue('UNKNOWN_PARAM', 'm', { nodeId: 'a', field: 'x' }),
      createIssue('UNKNOWN_INPUT', 'm', { nodeId: 'a', field: 'x' }),
      createIssue('UNKNOWN_TARGET', 'second', { field: 'targets' }),
      createIssue('UNKNOWN_TARGET', 'first', { field: 'targets' }),
      createIssue('NODE_VERSION_NEWER', 'm', { nodeId: 'a' }),
      createIssue('MISSING_INPUT', 'm', { nodeId: 'B', field: 'x' }),
      createIssue('CYCLE', 'm', { nodeId: 'a' }),
    ];
    const sorted = issues
      .sort(compareIssues)
      .map((issue) => [issue.nodeId, issue.field, issue.code, issue.message]);
    expect(sorted).toEqual([
      [undefined, 'targets', 'UNKNOWN_TARGET', 'first'],
      [undefined, 'targets', 'UNKNOWN_TARGET', 'second'],
      // Code-unit order: upper case before lower case, on every locale.
      ['B', 'x', 'MISSING_INPUT', 'm'],
      ['a', undefined, 'NODE_VERSION_NEWER', 'm'],
      ['a', undefined, 'CYCLE', 'm'],
      ['a', 'x', 'UNKNOWN_INPUT', 'm'],
      ['a', 'x', 'UNKNOWN_PARAM', 'm'],
      ['b', 'x', 'PARAM_TYPE', 'm'],
    ]);
  });
});
