import { describe, expect, it } from 'vitest';
import { Mt19937 } from './mt19937.ts';

describe('Mt19937', () => {
  it('gives the standard sequence for the default seed 5489 (the C++ standard pins the 10000th output)', () => {
    const engine = new Mt19937(5489);
    const first = [engine.nextUint32(), engine.nextUint32(), engine.nextUint32()];
    expect(first).toEqual([3499211612, 581869302, 3890346734]);
    for (let i = 4; i < 10000; i++) engine.nextUint32();
    expect(engine.nextUint32()).toBe(4123659995);
  });

  it('keeps only the low 32 bits of the seed, as at::mt19937 does', () => {
    const low = new Mt19937(7);
    const high = new Mt19937(2 ** 32 + 7);
    for (let i = 0; i < 700; i++) expect(high.nextUint32()).toBe(low.nextUint32());
  });

  it('seeds 0 like PyTorch: torch.manual_seed(0); torch.rand(1) is 0.49625659', () => {
    const first = new Mt19937(0).nextUint32();
    expect((first & 0xffffff) / 2 ** 24).toBe(Math.fround(0.49625658988952637));
  });
});
