/**
 * The interface every method implements, and the helpers they share.
 *
 * Contract between a method and the driver loop (driver.ts), in the spirit of SciPy's OdeSolver:
 *  1. A method is defined by its coefficient table (tableaus.ts); its stepper owns every work
 *     array, allocated once in the constructor. `attempt` allocates nothing.
 *  2. `attempt(t, y, f0, h, tEnd, yNew)` takes one step of size h from the accepted state
 *     (t, y) whose derivative f0 = f(t, y) the driver guarantees valid. Stages that sit at
 *     t + h are evaluated at `tEnd` (the driver nudges it just below a tstop so a right-hand
 *     side with a jump there is seen from the left). It writes the candidate into yNew and returns
 *     the weighted RMS error norm; a step is acceptable when the norm is ≤ 1.
 *  3. A non-finite derivative, a non-finite Jacobian or a singular iteration matrix makes
 *     `attempt` return Infinity after recording the cause in the shared {@link RhsEvaluator}.
 *  4. `y` and `f0` are read-only inside `attempt`; the stepper may keep point-dependent caches
 *     (the Jacobian at (t, y)) until `invalidate()` or `accepted()` is called.
 *  5. After an accepted step the driver calls `denseCoefficients` (when output needs it) before
 *     `accepted(f0)`; `accepted` returns true when it wrote f(tEnd, yNew) into f0 (FSAL).
 *  6. Dense output of a step is five n-vectors of coefficients interpreted by the method's
 *     `DenseKind` (dense.ts); the driver never looks inside them.
 *  7. All RHS calls go through the RhsEvaluator, which counts them and checks finiteness.
 */
import { allFiniteRange } from "./finite.ts";
import type { JacobianFunction, RhsFunction, SolveStats, TimeDerivativeFunction } from "./types.ts";

/** Which interpolation formula a dense segment uses. */
export type DenseKind = 0 | 1;
/** Dense kind of dopri5 steps (Hairer's 4th-order continuous extension). */
export const DENSE_DOPRI5: DenseKind = 0;
/** Dense kind of Rodas steps (Steinebach's 4th-order interpolant for Rodas5P; Rodas4P's 3rd-order one has no θ³ term). */
export const DENSE_RODAS5P: DenseKind = 1;

/** One integration method as the driver sees it. */
export interface Stepper {
  readonly name: "dopri5" | "rodas5p" | "rodas4p";
  readonly denseKind: DenseKind;
  /** Order of the local error estimate (the step controller's exponent is 1/errorOrder). */
  readonly errorOrder: number;
  attempt(t: number, y: Float64Array, f0: Float64Array, h: number, tEnd: number, yNew: Float64Array): number;
  accepted(f0: Float64Array): boolean;
  invalidate(): void;
  denseCoefficients(y: Float64Array, yNew: Float64Array, f0: Float64Array, h: number, out: Float64Array): void;
}

/** Counts and checks every right-hand-side evaluation; records the first non-finite value. */
export class RhsEvaluator {
  /** Index of the first non-finite component seen since `clear()`, or −1. */
  badComponent = -1;
  /** Time of that evaluation. */
  badT = NaN;
  /** "derivative" or "Jacobian entry". */
  badWhat = "derivative";
  /** Zero-pivot column + 1 of a singular iteration matrix since `clear()`, or 0. */
  singularColumn = 0;
  constructor(
    readonly rhs: RhsFunction,
    readonly jacobian: JacobianFunction | undefined,
    readonly n: number,
    readonly stats: SolveStats,
    readonly timeDerivative: TimeDerivativeFunction | undefined = undefined,
  ) {}

  /** Evaluates dydt = f(t, y); returns false when a component is NaN or ±Infinity. */
  f(t: number, y: Float64Array, dydt: Float64Array): boolean {
    this.stats.rhsEvaluations++;
    this.rhs(t, y, dydt);
    return this.allFinite(dydt, t, "derivative");
  }

  /** True when every component of `values` is finite; else records the first bad one (as `what` at t). */
  allFinite(values: Float64Array, t: number, what: string): boolean {
    const n = this.n;
    if (allFiniteRange(values, n)) return true; // only then look for which
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v - v !== 0) {
        this.markBad(i, t, what);
        return false;
      }
    }
    return true;
  }

  markBad(i: number, t: number, what: string): void {
    if (this.badComponent < 0) {
      this.badComponent = i;
      this.badT = t;
      this.badWhat = what;
    }
  }

  clear(): void {
    this.badComponent = -1;
    this.badT = NaN;
    this.singularColumn = 0;
  }
}

/**
 * Weighted RMS norm of an error vector (Hairer–Wanner): sqrt(mean((err_i / sc_i)^2)) with
 * sc_i = atol_i + rtol · max(|y_i|, |yNew_i|). err is read from `offset`; `scale` multiplies it (e.g. h).
 */
export function errorNorm(
  err: Float64Array, offset: number, scale: number, y: Float64Array, yNew: Float64Array,
  atol: Float64Array, rtol: number, n: number,
): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(y[i]);
    const b = Math.abs(yNew[i]);
    const sc = atol[i] + rtol * (a > b ? a : b);
    const r = (scale * err[offset + i]) / sc;
    s += r * r;
  }
  return Math.sqrt(s / n);
}
