/**
 * Jacobian ∂f/∂y and time derivative ∂f/∂t at a point: the analytic Jacobian when the problem
 * gives one, column-wise forward differences otherwise (increment √(u·max(1e-5, |y_j|)), u the
 * unit roundoff, as in Hairer's RODAS/RADAU5 codes). All buffers are the caller's.
 */
import { allFiniteAt } from "./finite.ts";
import type { RhsEvaluator } from "./stepper.ts";

const UROUND = Number.EPSILON;
const SQRT_UROUND = Math.sqrt(UROUND);

/**
 * Writes J (row-major, n×n) at (t, y) given f0 = f(t, y). `yWork` and `fWork` are scratch
 * vectors. Returns false (after marking the evaluator) when an entry is not finite; `only`
 * restricts that check to these flat indices (a sparse solver reads nothing else).
 */
export function evaluateJacobian(
  ev: RhsEvaluator, t: number, y: Float64Array, f0: Float64Array,
  J: Float64Array, yWork: Float64Array, fWork: Float64Array, atol: Float64Array, only: Int32Array | null = null,
): boolean {
  const n = ev.n;
  ev.stats.jacobianEvaluations++;
  if (ev.jacobian) {
    ev.jacobian(t, y, J);
  } else {
    yWork.set(y);
    for (let j = 0; j < n; j++) {
      const yj = y[j];
      const delta = SQRT_UROUND * Math.max(Math.abs(yj), atol[j]);
      yWork[j] = yj + delta;
      const dj = yWork[j] - yj; // the increment actually representable
      if (!ev.f(t, yWork, fWork)) return false;
      yWork[j] = yj;
      const inv = 1 / dj;
      for (let i = 0; i < n; i++) J[i * n + j] = (fWork[i] - f0[i]) * inv;
    }
  }
  if (only) {
    if (allFiniteAt(J, only)) return true;
    for (let q = 0; q < only.length; q++) {
      const k = only[q];
      const v = J[k];
      if (v - v !== 0) return badEntry(ev, k, n, t);
    }
    return true;
  }
  const nn = n * n;
  for (let k = 0; k < nn; k++) {
    const v = J[k];
    if (v - v !== 0) return badEntry(ev, k, n, t);
  }
  return true;
}

function badEntry(ev: RhsEvaluator, k: number, n: number, t: number): false {
  ev.markBad(Math.floor(k / n), t, `Jacobian entry (column ${k % n})`);
  return false;
}

/**
 * Writes ∂f/∂t at (t, y): the problem's analytic one when given, else a forward difference
 * (increment √(u·max(1e-5, |t|))) from f0 = f(t, y). Returns false when a value is not finite.
 */
export function evaluateTimeDerivative(
  ev: RhsEvaluator, t: number, y: Float64Array, f0: Float64Array, ft: Float64Array, fWork: Float64Array,
): boolean {
  const n = ev.n;
  if (ev.timeDerivative) {
    ev.timeDerivative(t, y, ft);
    return ev.allFinite(ft, t, "time derivative");
  }
  const tt = t + Math.sqrt(UROUND * Math.max(1e-5, Math.abs(t)));
  const dt = tt - t;
  if (!ev.f(tt, y, fWork)) return false;
  const inv = 1 / dt;
  for (let i = 0; i < n; i++) ft[i] = (fWork[i] - f0[i]) * inv;
  return true;
}
