import { describe, expect, it } from 'vitest';
import { hzToMel, melBandEdges, melFilterbank, melToHz } from './melFilterbank.ts';

// Reference numbers from melReference.py (librosa's filters.mel, slaney, transcribed
// into numpy) for HiFi-GAN V1: sr 22050, n_fft 1024, 80 mels, fmin 0, fmax 8000.
const HIFIGAN = { sampleRate: 22050, nFft: 1024, nMels: 80, fmin: 0, fmax: 8000 };
const REFERENCE_ROWS: Record<number, { first: number; values: number[]; sum: number }> = {
  0: {
    first: 1,
    values: [0.01552772056311369, 0.022651389241218567, 0.007123669609427452],
    sum: 0.04530277941375971,
  },
  1: {
    first: 2,
    values: [
      0.004202025476843119, 0.019729746505618095, 0.018449366092681885, 0.002921643666923046,
    ],
    sum: 0.045302781742066145,
  },
  10: {
    first: 18,
    values: [0.010964815504848957, 0.026492536067962646, 0.011686574667692184],
    sum: 0.04914392624050379,
  },
  40: {
    first: 77,
    values: [
      0.0002958553086500615, 0.005315492860972881, 0.010335130617022514, 0.014895469881594181,
      0.01006495114415884, 0.005234432872384787, 0.00040391430957242846,
    ],
    sum: 0.04654524699435569,
  },
};

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('slaney mel scale', () => {
  it('is linear below 1 kHz (200/3 Hz per mel) and logarithmic above (27 mels per factor 6.4)', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(200)).toBeCloseTo(3, 12);
    expect(hzToMel(6400)).toBeCloseTo(42, 12);
    expect(melToHz(hzToMel(8000))).toBeCloseTo(8000, 9);
    expect(melToHz(hzToMel(440))).toBeCloseTo(440, 12);
  });

  it("puts HiFi-GAN's band edges where librosa's mel_frequencies does", () => {
    const edges = melBandEdges(80, 0, 8000);
    expect(edges.length).toBe(82);
    expect(edges[0]).toBe(0);
    expect(edges[1]).toBeCloseTo(37.23921026495882, 10);
    expect(edges[3]).toBeCloseTo(111.71763079487647, 10);
    expect(edges[79]).toBeCloseTo(7408.542192632496, 8);
    expect(edges[80]).toBeCloseTo(7698.593218313329, 8);
    expect(edges[81]).toBeCloseTo(8000, 8);
  });
});

describe('melFilterbank (librosa norm="slaney")', () => {
  const bank = melFilterbank(HIFIGAN);
  const bins = 513;
  const row = (m: number) => Array.from(bank.data.subarray(m * bins, (m + 1) * bins));

  it('is float32 [80, 513]', () => {
    expect(bank.dtype).toBe('float32');
    expect(bank.dims).toEqual([80, 513]);
  });

  it('matches librosa row by row: support, every weight and the row sum', () => {
    for (const [m, reference] of Object.entries(REFERENCE_ROWS)) {
      const weights = row(Number(m));
      const nonzero = weights.flatMap((w, k) => (w > 0 ? [k] : []));
      expect(nonzero[0]).toBe(reference.first);
      expect(nonzero.length).toBe(reference.values.length);
      reference.values.forEach((value, i) =>
        expect(relativeError(weights[reference.first + i]!, value)).toBeLessThan(1e-6),
      );
      const sum = weights.reduce((a, b) => a + b, 0);
      expect(relativeError(sum, reference.sum)).toBeLessThan(1e-6);
    }
  });

  it('matches librosa at the top band (bins 345…371) and in total', () => {
    const top = row(79);
    expect(top.findIndex((w) => w > 0)).toBe(345);
    expect(top.findLastIndex((w) => w > 0)).toBe(371);
    expect(relativeError(top[345]!, 0.00023797768517397344)).toBeLessThan(1e-6);
    expect(relativeError(top[358]!, 0.003265992971137166)).toBeLessThan(1e-6);
    expect(relativeError(top[371]!, 0.0001254465605597943)).toBeLessThan(1e-6);
    const total = Array.from(bank.data).reduce((a, b) => a + b, 0);
    expect(relativeError(total, 3.7136881975075084)).toBeLessThan(1e-6);
  });

  it('gives every filter unit area in Hz (the slaney normalisation)', () => {
    const hzPerBin = 22050 / 1024;
    for (const m of [0, 20, 40, 60, 79]) {
      const area = row(m).reduce((a, b) => a + b, 0) * hzPerBin;
      expect(area).toBeGreaterThan(0.97);
      expect(area).toBeLessThan(1.03);
    }
  });

  it('refuses an fmax above Nyquist, naming the values', () => {
    expect(() => melFilterbank({ ...HIFIGAN, fmax: 12000 })).toThrow(/fmax 12000 at 22050 Hz/);
  });
});
