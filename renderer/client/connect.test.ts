import { describe, expect, it } from 'vitest';
import { tokenFromAddress } from './connect.ts';

describe('tokenFromAddress', () => {
  it('reads ?token= first, then #token=, else nothing (the cookie serves)', () => {
    expect(tokenFromAddress({ search: '?token=abc&x=1', hash: '#token=def' })).toBe('abc');
    expect(tokenFromAddress({ search: '?x=1', hash: '#token=def&y=2' })).toBe('def');
    expect(tokenFromAddress({ search: '', hash: '' })).toBeUndefined();
    expect(tokenFromAddress({ search: '?token=', hash: '#token=' })).toBeUndefined();
  });
});
