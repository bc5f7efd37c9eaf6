/**
 * The linear algebra the toy VAEs need: the Moore–Penrose inverse of a tall
 * matrix with independent columns, in float64, and the float32 constants
 * their ONNX graphs hold.
 */
import { Tensor } from '../../../engine/common/tensor.ts';

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * A⁺ = R⁻¹Qᵀ for A = [columns] (k columns of length n, k ≤ n), from a QR
 * factorisation by modified Gram–Schmidt with one re-orthogonalisation pass
 * (accurate even when the columns are strongly correlated, as images sharing
 * a background are). Returns the k rows of A⁺, each of length n.
 */
export function pseudoInverse(columns: readonly ArrayLike<number>[]): Float64Array[] {
  const k = columns.length;
  const q: Float64Array[] = [];
  const r = Array.from({ length: k }, () => new Float64Array(k));
  for (let j = 0; j < k; j++) {
    const v = Float64Array.from(columns[j]!);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const projection = dot(q[i]!, v);
        r[i]![j]! += projection;
        const qi = q[i]!;
        for (let p = 0; p < v.length; p++) v[p]! -= projection * qi[p]!;
      }
    }
    const norm = Math.sqrt(dot(v, v));
    if (!(norm > 1e-9)) throw new Error(`pseudoInverse: column ${j} depends on the others`);
    r[j]![j] = norm;
    q.push(v.map((value) => value / norm));
  }
  const rows: Float64Array[] = new Array<Float64Array>(k);
  for (let i = k - 1; i >= 0; i--) {
    const row = Float64Array.from(q[i]!);
    for (let j = i + 1; j < k; j++) {
      const coefficient = r[i]![j]!;
      const later = rows[j]!;
      for (let p = 0; p < row.length; p++) row[p]! -= coefficient * later[p]!;
    }
    const diagonal = r[i]![i]!;
    rows[i] = row.map((value) => value / diagonal);
  }
  return rows;
}

/** Row-major [rows.length, rows[0].length] float32 constant. */
export function matrix(rows: readonly ArrayLike<number>[]): Tensor<'float32'> {
  const width = rows[0]!.length;
  const data = new Float32Array(rows.length * width);
  rows.forEach((row, r) => data.set(Array.from(row), r * width));
  return new Tensor('float32', [rows.length, width], data);
}

/** Columns → the row-major [length, columns.length] matrix whose columns they are. */
export function transposed(columns: readonly ArrayLike<number>[]): Tensor<'float32'> {
  const length = columns[0]!.length;
  const data = new Float32Array(length * columns.length);
  columns.forEach((column, c) => {
    for (let p = 0; p < length; p++) data[p * columns.length + c] = column[p]!;
  });
  return new Tensor('float32', [length, columns.length], data);
}
