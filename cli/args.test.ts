import { describe, expect, it } from 'vitest';
import { parseRunFlags } from './args.ts';
import { UsageError } from './io.ts';

describe('weft run flags', () => {
  it('collects name=value positionals and --set in order, and parses sizes', () => {
    const flags = parseRunFlags([
      'g.weft.json',
      'seed=3',
      '--set',
      'a.b=x=y',
      '--memory-budget',
      '512MB',
      '--disk-budget',
      '1.5GiB',
      '--targets',
      'a, b',
    ]);
    expect(flags.overrides).toEqual([
      { target: 'seed', value: '3' },
      { target: 'a.b', value: 'x=y' },
    ]);
    expect(flags.memoryBudget).toBe(512 * 1024 ** 2);
    expect(flags.diskBudget).toBe(Math.round(1.5 * 1024 ** 3));
    expect(flags.targets).toEqual(['a', 'b']);
  });

  it('refuses what it cannot read, naming the flag', () => {
    expect(() => parseRunFlags(['g.weft.json', '--memory-budget', 'lots'])).toThrow(
      /"lots" is not a size/,
    );
    expect(() => parseRunFlags(['g.weft.json', 'justaword'])).toThrow(
      /"justaword" is not of the form name=value/,
    );
    expect(() => parseRunFlags([])).toThrow(UsageError);
    expect(() => parseRunFlags(['g.weft.json', '--concurrency', '0'])).toThrow(/concurrency/);
  });
});
