import { describe, expect, it } from 'vitest';
import { formatIssue, hasErrors } from './format.ts';
import { createIssue } from './issue.ts';

describe('formatIssue', () => {
  it('writes an error as mark, node › field, code and message on one line', () => {
    const issue = createIssue(
      'PARAM_RANGE',
      'Param "steps" of node "sampler" (diffusion/sampler) must be between 1 and 150; it is 500.',
      { nodeId: 'sampler', field: 'steps' },
    );
    expect(formatIssue(issue)).toBe(
      '✖ sampler › steps  PARAM_RANGE  Param "steps" of node "sampler" (diffusion/sampler) must be between 1 and 150; it is 500.',
    );
  });

  it('marks a warning differently and leaves out an absent field', () => {
    const issue = createIssue('NODE_VERSION_NEWER', 'Saved by a newer version.', {
      nodeId: 'sampler',
    });
    expect(formatIssue(issue)).toBe('⚠ sampler  NODE_VERSION_NEWER  Saved by a newer version.');
  });

  it('places a graph-level issue under "(graph)"', () => {
    const issue = createIssue('UNKNOWN_TARGET', 'No such node.', { field: 'targets' });
    expect(formatIssue(issue)).toBe('✖ (graph) › targets  UNKNOWN_TARGET  No such node.');
  });

  it('keeps a message with line breaks on one line', () => {
    const issue = createIssue('CYCLE', 'first\n  second\r\nthird', { nodeId: 'a' });
    expect(formatIssue(issue)).toBe('✖ a  CYCLE  first second third');
  });
});

describe('hasErrors', () => {
  it('is true with one error among warnings, false for warnings alone or nothing', () => {
    const warning = createIssue('UNKNOWN_PARAM', 'w', { nodeId: 'a', field: 'eta' });
    const error = createIssue('MISSING_INPUT', 'e', { nodeId: 'a', field: 'image' });
    expect(hasErrors([warning, error, warning])).toBe(true);
    expect(hasErrors([warning, warning])).toBe(false);
    expect(hasErrors([])).toBe(false);
  });
});
