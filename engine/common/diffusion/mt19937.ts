/**
 * MT19937, the 32-bit Mersenne Twister (Matsumoto & Nishimura 1998), seeded
 * with init_genrand as PyTorch's at::mt19937 and C++'s std::mt19937 do. Its
 * output is the standard sequence: for seed 5489 the 10000th number is
 * 4123659995. Pure.
 */

const STATE_SIZE = 624;
const SHIFT_SIZE = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class Mt19937 {
  private readonly state = new Uint32Array(STATE_SIZE);
  private index = STATE_SIZE;

  /** `seed` is taken modulo 2³², as at::mt19937 keeps only the low 32 bits. */
  constructor(seed: number) {
    const state = this.state;
    state[0] = seed >>> 0;
    for (let i = 1; i < STATE_SIZE; i++) {
      const previous = state[i - 1]!;
      state[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
  }

  /** The next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    if (this.index === STATE_SIZE) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const state = this.state;
    for (let i = 0; i < STATE_SIZE; i++) {
      const mixed = (state[i]! & UPPER_MASK) | (state[(i + 1) % STATE_SIZE]! & LOWER_MASK);
      const twisted = (mixed >>> 1) ^ (mixed & 1 ? MATRIX_A : 0);
      state[i] = state[(i + SHIFT_SIZE) % STATE_SIZE]! ^ twisted;
    }
    this.index = 0;
  }
}
