import { describe, expect, it } from 'vitest';
import { float32Hex, fnv1aFloat32, hexWords } from './referenceData.ts';
import { TorchGenerator } from './torchRandom.ts';
import {
  SEED_0_1x4x64x64,
  SEED_0_RAND_5,
  SEED_0_RAND_THEN_RANDN,
  SEED_0_STREAM,
  SEED_1234,
  SEED_2024_2x4x128x128,
  SEED_2_POW_64_MINUS_2_N2,
  SEED_42_1x4x8x8,
  SEED_MINUS_1_N2,
} from './torchRandom.reference.ts';

function randn(seed: number | bigint, shape: number[]): Float32Array {
  return new TorchGenerator(seed).randn(shape).data;
}

describe('TorchGenerator.randn (torch.manual_seed(s); torch.randn(shape))', () => {
  it('seed 0, n = 4 (Box–Muller in double): 1.5409961, −0.2934289, −2.1787894, 0.56843126', () => {
    const values = randn(0, [4]);
    expect(Array.from(values)).toEqual(
      [1.5409961, -0.2934289, -2.1787894, 0.56843126].map((value) => Math.fround(value)),
    );
  });

  it('seed 0, n = 16 (one AVX2 block) matches the issue’s bits', () => {
    expect(float32Hex(randn(0, [16]))).toEqual(
      hexWords(`bf901b85 bf93808a be804bd6 bede255d 3f594515 3f312783 bea1cc6d c0075fc1
             3ea50138 bfa1b4f4 3eb330ff 3e9dc3bb 3df56f77 3f9e6b93 3f8ef28e be7d367c`),
    );
  });

  it('seed 0, shape (10, 4): rows 6–9 come from the tail rule (last 16 values redrawn)', () => {
    const tensor = new TorchGenerator(0).randn([10, 4]);
    expect(tensor.dims).toEqual([10, 4]);
    const rows = [
      [-0.2159, -0.7425, 0.5627, 0.2596],
      [-0.174, -0.6787, 0.9383, 0.4889],
      [1.2032, 0.0845, -1.2001, -0.0048],
      [-0.5181, -0.3067, -1.581, 1.7066],
    ];
    rows.forEach((row, r) =>
      row.forEach((value, c) => expect(tensor.data[(6 + r) * 4 + c]).toBeCloseTo(value, 4)),
    );
    // The first 16 are an ordinary block: the same as randn(16).
    expect(float32Hex(tensor.data.slice(0, 16))).toEqual(float32Hex(randn(0, [16])));
  });

  it('seed 42, shape (1, 4, 8, 8): all 256 values to the bit', () => {
    expect(float32Hex(randn(42, [1, 4, 8, 8]))).toEqual(hexWords(SEED_42_1x4x8x8));
  });

  it.each([1, 15, 17, 31, 33])('seed 1234, n = %i: every value to the bit', (count) => {
    expect(float32Hex(randn(1234, [count]))).toEqual(hexWords(SEED_1234[count]!));
  });

  it('continues the stream across calls, the small path using the sample a previous small call cached', () => {
    const generator = new TorchGenerator(0);
    for (const [index, count] of [4, 16, 3, 1].entries()) {
      expect(float32Hex(generator.randn([count]).data)).toEqual(hexWords(SEED_0_STREAM[index]!));
    }
  });

  it('rand draws 24-bit uniforms from the same stream', () => {
    expect(float32Hex(new TorchGenerator(0).rand([5]).data)).toEqual(hexWords(SEED_0_RAND_5));
    const generator = new TorchGenerator(0);
    expect(float32Hex(generator.rand([3]).data)).toEqual(hexWords(SEED_0_RAND_THEN_RANDN[0]!));
    expect(float32Hex(generator.randn([20]).data)).toEqual(hexWords(SEED_0_RAND_THEN_RANDN[1]!));
  });

  it.each([
    ['1×4×64×64 seed 0', 0, [1, 4, 64, 64], SEED_0_1x4x64x64],
    ['2×4×128×128 seed 2024', 2024, [2, 4, 128, 128], SEED_2024_2x4x128x128],
  ] as const)(
    'latent-sized %s matches torch’s bytes (hash, ends, sum)',
    (_, seed, shape, reference) => {
      const values = randn(seed, [...shape]);
      expect(float32Hex(values.slice(0, 4))).toEqual(hexWords(reference.first));
      expect(float32Hex(values.slice(-4))).toEqual(hexWords(reference.last));
      expect(values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(reference.sum, 9);
      expect(fnv1aFloat32(values)).toBe(reference.fnv);
    },
  );
});

describe('TorchGenerator seeds', () => {
  it('wraps negative seeds as two’s complement and keeps the low 32 bits for the engine', () => {
    expect(float32Hex(randn(-1, [2]))).toEqual(hexWords(SEED_MINUS_1_N2));
    expect(float32Hex(randn(2n ** 64n - 1n, [2]))).toEqual(hexWords(SEED_MINUS_1_N2));
    expect(float32Hex(randn(2 ** 32 - 1, [2]))).toEqual(hexWords(SEED_MINUS_1_N2));
    expect(float32Hex(randn(2n ** 64n - 2n, [2]))).toEqual(hexWords(SEED_2_POW_64_MINUS_2_N2));
    expect(new TorchGenerator(-1).seed).toBe(2n ** 64n - 1n);
    expect(float32Hex(randn(2 ** 32 + 7, [20]))).toEqual(float32Hex(randn(7, [20])));
  });

  it('refuses seeds outside PyTorch’s range and fractional seeds', () => {
    expect(() => new TorchGenerator(2n ** 64n)).toThrow(
      /between -9223372036854775808 and 18446744073709551615/,
    );
    expect(() => new TorchGenerator(-(2n ** 63n) - 1n)).toThrow(/PyTorch's range/);
    expect(() => new TorchGenerator(1.5)).toThrow('A seed must be a whole number, got 1.5');
  });

  it('gives an empty tensor for a zero-sized shape without using the stream', () => {
    const generator = new TorchGenerator(0);
    expect(generator.randn([2, 0]).size).toBe(0);
    expect(float32Hex(generator.randn([16]).data)).toEqual(float32Hex(randn(0, [16])));
    expect(() => generator.randn([2, -1])).toThrow(
      'randn needs a shape of whole numbers ≥ 0, got [2, -1]',
    );
  });
});
