// Plane resampling for weft-robust's size-independent domain. Planes are
// float32, row-major, one value per pixel.
//
// areaResample: every output pixel is the mean of the input area it covers
// (fractional overlaps weighted), separably, rows then columns: the
// "INTER_AREA" idea, exact for any ratio, up or down. It maps an image and
// its resized copies to nearly the same values, which is why the mark lives
// there.
// bilinearResample: pixel centres aligned ((x + 0.5)·in/out − 0.5), edges
// clamped; used to bring a small smooth pattern up to the image size.

interface Span {
  first: number;
  weights: Float64Array;
}

function areaSpans(inputSize: number, outputSize: number): Span[] {
  const ratio = inputSize / outputSize;
  const spans: Span[] = [];
  for (let out = 0; out < outputSize; out++) {
    const start = out * ratio;
    const end = (out + 1) * ratio;
    const first = Math.floor(start);
    const last = Math.min(inputSize - 1, Math.ceil(end) - 1);
    const weights = new Float64Array(last - first + 1);
    for (let index = first; index <= last; index++) {
      weights[index - first] = (Math.min(end, index + 1) - Math.max(start, index)) / ratio;
    }
    spans.push({ first, weights });
  }
  return spans;
}

export function areaResample(
  plane: Float32Array,
  width: number,
  height: number,
  outputWidth: number,
  outputHeight: number,
): Float32Array {
  const columns = areaSpans(width, outputWidth);
  const rows = areaSpans(height, outputHeight);
  const across = new Float32Array(outputWidth * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < outputWidth; x++) {
      const span = columns[x];
      if (!span) continue;
      let sum = 0;
      for (let k = 0; k < span.weights.length; k++)
        sum += (span.weights[k] ?? 0) * (plane[row + span.first + k] ?? 0);
      across[y * outputWidth + x] = sum;
    }
  }
  const output = new Float32Array(outputWidth * outputHeight);
  for (let y = 0; y < outputHeight; y++) {
    const span = rows[y];
    if (!span) continue;
    for (let k = 0; k < span.weights.length; k++) {
      const weight = span.weights[k] ?? 0;
      const source = (span.first + k) * outputWidth;
      for (let x = 0; x < outputWidth; x++) {
        output[y * outputWidth + x] =
          (output[y * outputWidth + x] ?? 0) + weight * (across[source + x] ?? 0);
      }
    }
  }
  return output;
}

function bilinearTaps(
  inputSize: number,
  outputSize: number,
): { low: Int32Array; fraction: Float32Array } {
  const low = new Int32Array(outputSize);
  const fraction = new Float32Array(outputSize);
  for (let out = 0; out < outputSize; out++) {
    const position = Math.min(
      inputSize - 1,
      Math.max(0, ((out + 0.5) * inputSize) / outputSize - 0.5),
    );
    const floor = Math.min(inputSize - 2, Math.floor(position));
    low[out] = Math.max(0, floor);
    fraction[out] = inputSize > 1 ? position - Math.max(0, floor) : 0;
  }
  return { low, fraction };
}

export function bilinearResample(
  plane: Float32Array,
  width: number,
  height: number,
  outputWidth: number,
  outputHeight: number,
): Float32Array {
  const columns = bilinearTaps(width, outputWidth);
  const rows = bilinearTaps(height, outputHeight);
  const output = new Float32Array(outputWidth * outputHeight);
  const right = width > 1 ? 1 : 0;
  const down = height > 1 ? width : 0;
  for (let y = 0; y < outputHeight; y++) {
    const top = (rows.low[y] ?? 0) * width;
    const fy = rows.fraction[y] ?? 0;
    for (let x = 0; x < outputWidth; x++) {
      const at = top + (columns.low[x] ?? 0);
      const fx = columns.fraction[x] ?? 0;
      const upper = (plane[at] ?? 0) * (1 - fx) + (plane[at + right] ?? 0) * fx;
      const lower = (plane[at + down] ?? 0) * (1 - fx) + (plane[at + down + right] ?? 0) * fx;
      output[y * outputWidth + x] = upper * (1 - fy) + lower * fy;
    }
  }
  return output;
}
