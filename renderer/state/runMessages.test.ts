import { describe, expect, it } from 'vitest';
import { ClientError } from '../client/types.ts';
import { countErrors, groupIssues } from './runIssues.ts';
import { describeFailure, describeStartError } from './runMessages.ts';

describe('describeFailure', () => {
  it('names the one failed node and its message', () => {
    expect(
      describeFailure([{ code: 'NODE_FAILED', message: 'Connect a model.', nodeId: 'sampler' }], {
        sampler: { status: 'error' },
      }),
    ).toEqual({ tone: 'error', text: 'Run failed: node "sampler" had an error: Connect a model.' });
  });

  it('names the node once when the engine message already does', () => {
    const message = 'Node "sampler" (Sampler): the latent is 128 px; this model makes 64 px.';
    expect(
      describeFailure([{ code: 'NODE_FAILED', message, nodeId: 'sampler' }], {
        sampler: { status: 'error' },
      }).text,
    ).toBe(`Run failed. ${message}`);
  });

  it('falls back to the first run error when no node failed', () => {
    expect(describeFailure([{ code: 'X', message: 'The disk is full.' }], {}).text).toBe(
      'Run failed: The disk is full.',
    );
    expect(describeFailure([], {}).text).toBe('Run failed.');
  });
});

describe('describeStartError', () => {
  it('words refusals for the artist', () => {
    const busy = new ClientError({ code: 'RUN_IN_PROGRESS', message: 'busy' });
    expect(describeStartError(busy, 0).text).toBe(
      'Another run is still going; stop it or wait for it to finish.',
    );
    const invalid = new ClientError({ code: 'GRAPH_INVALID', message: 'bad' });
    expect(describeStartError(invalid, 1).text).toBe(
      'The graph has a problem to fix before it can run; it is marked on the nodes.',
    );
    expect(describeStartError(new Error('socket hang up'), 0).text).toBe(
      'The run did not start: socket hang up',
    );
  });
});

describe('groupIssues', () => {
  it('splits node issues from graph issues and counts only errors', () => {
    const grouped = groupIssues([
      { code: 'UNKNOWN_TARGET', severity: 'error', message: 'g' },
      { code: 'MISSING_INPUT', severity: 'error', nodeId: 'a', field: 'image', message: 'a1' },
      { code: 'UNKNOWN_PARAM', severity: 'warning', nodeId: 'a', field: 'x', message: 'a2' },
      { code: 'PARAM_RANGE', severity: 'error', nodeId: 'b', field: 'steps', message: 'b1' },
    ]);
    expect(Object.keys(grouped.issuesByNode)).toEqual(['a', 'b']);
    expect(grouped.issuesByNode.a?.map((issue) => issue.message)).toEqual(['a1', 'a2']);
    expect(grouped.graphIssues.map((issue) => issue.message)).toEqual(['g']);
    expect(countErrors(grouped)).toBe(3);
  });
});
