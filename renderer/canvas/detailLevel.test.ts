import { describe, expect, it } from 'vitest';
import { detailAt, shownDetail } from './detailLevel.ts';

describe('detail level', () => {
  it('follows the zoom thresholds', () => {
    expect([0.1, 0.24, 0.25, 0.44, 0.45, 1].map(detailAt)).toEqual([
      'overview',
      'overview',
      'compact',
      'compact',
      'full',
      'full',
    ]);
  });

  it('drops detail at once but keeps the shown level while the zoom asks for more', () => {
    expect(shownDetail('overview', 'full')).toBe('overview');
    expect(shownDetail('compact', 'full')).toBe('compact');
    expect(shownDetail('compact', 'overview')).toBe('overview');
    expect(shownDetail('full', 'compact')).toBe('compact');
    expect(shownDetail('full', 'full')).toBe('full');
  });
});
