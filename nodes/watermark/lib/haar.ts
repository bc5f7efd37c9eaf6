// One level of the 2-D Haar wavelet transform, float for float what
// pywt.dwt2(x, 'haar') and pywt.idwt2 compute for even-sized input (pywt 1.x's
// C convolutions, mode 'symmetric', which pads nothing when sizes are even).
// The order of the float operations matters: the dwtDct method truncates the
// inverse toward zero, so 99.99999999999999 and 100 are different bytes.
//
// Forward, along axis 0 (down the columns) first, then axis 1:
//   low[k]  = c·x[2k+1] + c·x[2k]        high[k] = (−c)·x[2k+1] + c·x[2k]
// Inverse, along axis 1 first, then axis 0 (output zeroed, low added, then high):
//   x[2k] = c·low[k] + c·high[k]         x[2k+1] = c·low[k] + (−c)·high[k]
// with c = 0.7071067811865476 (pywt's haar filter taps).
//
// Bands follow pywt's names: approximation (cA, 'aa'), horizontal (cH, 'da':
// detail down the columns), vertical (cV, 'ad'), diagonal (cD, 'dd').

const TAP = 0.7071067811865476;

export interface HaarBands {
  /** Band size: half the input's (rows, cols). */
  rows: number;
  cols: number;
  approximation: Float64Array;
  horizontal: Float64Array;
  vertical: Float64Array;
  diagonal: Float64Array;
}

/** pywt.dwt2(plane, 'haar') for a row-major plane with even rows and cols. */
export function haarForward(plane: Float64Array, rows: number, cols: number): HaarBands {
  if (rows % 2 !== 0 || cols % 2 !== 0) {
    throw new Error(`The Haar transform here needs an even size, got ${rows}×${cols}.`);
  }
  const halfRows = rows / 2;
  const halfCols = cols / 2;
  // Axis 0: low and high halves, each halfRows × cols.
  const low = new Float64Array(halfRows * cols);
  const high = new Float64Array(halfRows * cols);
  for (let k = 0; k < halfRows; k++) {
    const even = 2 * k * cols;
    const odd = even + cols;
    for (let col = 0; col < cols; col++) {
      const first = plane[even + col] ?? 0;
      const second = plane[odd + col] ?? 0;
      low[k * cols + col] = TAP * second + TAP * first;
      high[k * cols + col] = -TAP * second + TAP * first;
    }
  }
  const bands: HaarBands = {
    rows: halfRows,
    cols: halfCols,
    approximation: new Float64Array(halfRows * halfCols),
    horizontal: new Float64Array(halfRows * halfCols),
    vertical: new Float64Array(halfRows * halfCols),
    diagonal: new Float64Array(halfRows * halfCols),
  };
  // Axis 1 on each half: low → (aa, ad), high → (da, dd).
  for (let row = 0; row < halfRows; row++) {
    for (let k = 0; k < halfCols; k++) {
      const at = row * cols + 2 * k;
      const out = row * halfCols + k;
      const lowFirst = low[at] ?? 0;
      const lowSecond = low[at + 1] ?? 0;
      const highFirst = high[at] ?? 0;
      const highSecond = high[at + 1] ?? 0;
      bands.approximation[out] = TAP * lowSecond + TAP * lowFirst;
      bands.vertical[out] = -TAP * lowSecond + TAP * lowFirst;
      bands.horizontal[out] = TAP * highSecond + TAP * highFirst;
      bands.diagonal[out] = -TAP * highSecond + TAP * highFirst;
    }
  }
  return bands;
}

function inverseStep(low: number, high: number, odd: boolean): number {
  return odd ? TAP * low + -TAP * high : TAP * low + TAP * high;
}

/** pywt.idwt2((cA, (cH, cV, cD)), 'haar'): a plane of 2·rows × 2·cols. */
export function haarInverse(bands: HaarBands): Float64Array {
  const { rows: halfRows, cols: halfCols } = bands;
  const cols = halfCols * 2;
  const rows = halfRows * 2;
  // Axis 1: (aa, ad) → low, (da, dd) → high, each halfRows × cols.
  const low = new Float64Array(halfRows * cols);
  const high = new Float64Array(halfRows * cols);
  for (let row = 0; row < halfRows; row++) {
    for (let k = 0; k < halfCols; k++) {
      const from = row * halfCols + k;
      const at = row * cols + 2 * k;
      const approximation = bands.approximation[from] ?? 0;
      const vertical = bands.vertical[from] ?? 0;
      const horizontal = bands.horizontal[from] ?? 0;
      const diagonal = bands.diagonal[from] ?? 0;
      low[at] = inverseStep(approximation, vertical, false);
      low[at + 1] = inverseStep(approximation, vertical, true);
      high[at] = inverseStep(horizontal, diagonal, false);
      high[at + 1] = inverseStep(horizontal, diagonal, true);
    }
  }
  // Axis 0: (low, high) → the plane.
  const plane = new Float64Array(rows * cols);
  for (let k = 0; k < halfRows; k++) {
    for (let col = 0; col < cols; col++) {
      const lowValue = low[k * cols + col] ?? 0;
      const highValue = high[k * cols + col] ?? 0;
      plane[2 * k * cols + col] = inverseStep(lowValue, highValue, false);
      plane[(2 * k + 1) * cols + col] = inverseStep(lowValue, highValue, true);
    }
  }
  return plane;
}
