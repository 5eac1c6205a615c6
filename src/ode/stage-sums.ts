/**
 * The Rosenbrock stages' linear combinations, dst = base + Σ_{j<m} c_j k_j, over stage vectors
 * stored contiguously (k_j at offset j·n). Written out for each m so every component is one
 * pass with the coefficients in registers: V8 does not unroll the short inner j-loop, and the
 * generic form (or m axpys) measured 3–8× slower per element on the 52-state BFR model.
 */

/**
 * Writes dst[od + i] = base[i] + Σ_{j<m} coef[row + j] · k[j·n + i] for i < n (0 ≤ m ≤ 7).
 * `dst` may be `k` itself when od ≥ m·n (the stage being formed comes after those it reads).
 */
export function stageSum(
  dst: Float64Array, od: number, base: Float64Array, k: Float64Array, n: number,
  coef: Float64Array, row: number, m: number,
): void {
  const n2 = 2 * n, n3 = 3 * n, n4 = 4 * n, n5 = 5 * n, n6 = 6 * n;
  const c0 = coef[row], c1 = coef[row + 1], c2 = coef[row + 2], c3 = coef[row + 3];
  const c4 = coef[row + 4], c5 = coef[row + 5], c6 = coef[row + 6];
  switch (m) {
    case 0:
      for (let i = 0; i < n; i++) dst[od + i] = base[i];
      return;
    case 1:
      for (let i = 0; i < n; i++) dst[od + i] = base[i] + c0 * k[i];
      return;
    case 2:
      for (let i = 0; i < n; i++) dst[od + i] = base[i] + c0 * k[i] + c1 * k[n + i];
      return;
    case 3:
      for (let i = 0; i < n; i++) dst[od + i] = base[i] + c0 * k[i] + c1 * k[n + i] + c2 * k[n2 + i];
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        dst[od + i] = base[i] + c0 * k[i] + c1 * k[n + i] + c2 * k[n2 + i] + c3 * k[n3 + i];
      }
      return;
    case 5:
      for (let i = 0; i < n; i++) {
        dst[od + i] = base[i] + c0 * k[i] + c1 * k[n + i] + c2 * k[n2 + i] + c3 * k[n3 + i] + c4 * k[n4 + i];
      }
      return;
    case 6:
      for (let i = 0; i < n; i++) {
        dst[od + i] = base[i] + c0 * k[i] + c1 * k[n + i] + c2 * k[n2 + i] + c3 * k[n3 + i] + c4 * k[n4 + i]
          + c5 * k[n5 + i];
      }
      return;
    case 7:
      for (let i = 0; i < n; i++) {
        dst[od + i] = base[i] + c0 * k[i] + c1 * k[n + i] + c2 * k[n2 + i] + c3 * k[n3 + i] + c4 * k[n4 + i]
          + c5 * k[n5 + i] + c6 * k[n6 + i];
      }
      return;
    default:
      throw new RangeError(`stageSum: ${m} earlier stages (at most 7)`);
  }
}
