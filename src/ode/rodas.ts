/**
 * Rodas5P stepper (table in tableaus.ts): a Rosenbrock method, so one LU of W = I/(hγ) − J
 * per step and no Newton iteration. The Jacobian and ∂f/∂t are evaluated once per accepted
 * point and reused across rejected attempts from the same point; W is refactored only when h
 * or J changes. An exact Jacobian at every step is part of the method's order conditions, so
 * no W-method style reuse across steps.
 */
import { RODAS5P } from "./tableaus.ts";
import { InputError } from "../errors.ts";
import { luFactor, luNonzeros, luNonzerosFor, luSolveNonzeros, type LuNonzeros } from "./linalg.ts";
import { SparseLu, type SparsityPattern } from "./sparse-lu.ts";
import { evaluateJacobian, evaluateTimeDerivative } from "./jacobian.ts";
import { rosenbrockSums, type PointSum, type SlopeSum } from "./stage-sums.ts";
import { DENSE_RODAS5P, errorNorm, RhsEvaluator, type Stepper } from "./stepper.ts";

const S = 8;
const GAMMA = RODAS5P.gamma;
const CT = RODAS5P.c;
const D = RODAS5P.d;
const H = RODAS5P.h;


/** Linearly implicit Rodas5P with Jacobian reuse after rejections. */
export class Rodas5pStepper implements Stepper {
  readonly name = "rodas5p" as const;
  readonly denseKind = DENSE_RODAS5P;
  readonly errorOrder = RODAS5P.errorOrder;
  /** Jacobian at the current accepted point (row-major). */
  readonly J: Float64Array;
  private readonly W: Float64Array;
  private readonly piv: Int32Array;
  /** Nonzeros of the dense factors (the fallback factors a sparse W: solves skip its zeros). */
  private readonly denseNz: LuNonzeros;
  private readonly ft: Float64Array;
  /** Stage increments k_1..k_8, each n long, stored contiguously. */
  private readonly k: Float64Array;
  private readonly u: Float64Array;
  private readonly du: Float64Array;
  /** Generated point sums u = y + Σ a_sj k_j (stages 1..5) and slope sums (stages 1..7). */
  private readonly pointSum: PointSum[];
  private readonly slopeSum: SlopeSum[];
  /** 1/h of the current attempt (the slope sums' C_sj/h). */
  private invH = NaN;
  private jacValid = false;
  /** ∂f/∂t is identically zero at the current point (autonomous between tstops): skip its terms. */
  private ftZero = false;
  /** du + h·d_s·∂f/∂t for a stage with a time-derivative term. */
  private readonly duT: Float64Array;
  private luH = NaN;
  /** Sparse LU with a fixed pivot order (when the problem gives a sparsity pattern). */
  private readonly sparse: SparseLu | null;
  /** n×n mask of the pattern, to check the analytic Jacobian once; null when checked or absent. */
  private patternMask: Uint8Array | null = null;
  /** The current W is factored by `sparse` (else densely in W/piv). */
  private useSparse = false;

  constructor(
    private readonly ev: RhsEvaluator,
    private readonly rtol: number,
    private readonly atol: Float64Array,
    sparsity: SparsityPattern | null = null,
  ) {
    const n = ev.n;
    this.sparse = sparsity ? new SparseLu(n, sparsity) : null;
    if (sparsity && ev.jacobian) {
      this.patternMask = new Uint8Array(n * n);
      for (let q = 0; q < sparsity.rows.length; q++) this.patternMask[sparsity.rows[q] * n + sparsity.cols[q]] = 1;
      for (let i = 0; i < n; i++) this.patternMask[i * n + i] = 1;
    }
    this.J = new Float64Array(n * n);
    this.W = new Float64Array(n * n);
    this.piv = new Int32Array(n);
    this.denseNz = luNonzerosFor(n);
    this.ft = new Float64Array(n);
    this.k = new Float64Array(S * n);
    this.u = new Float64Array(n);
    this.du = new Float64Array(n);
    this.duT = new Float64Array(n);
    const sums = rosenbrockSums(RODAS5P.a, RODAS5P.C, n);
    this.pointSum = sums.point as PointSum[];
    this.slopeSum = sums.slope as SlopeSum[];
  }

  attempt(t: number, y: Float64Array, f0: Float64Array, h: number, tEnd: number, yNew: Float64Array): number {
    const ev = this.ev;
    const n = ev.n;
    if (!this.jacValid) {
      const only = this.sparse && !this.patternMask ? this.sparse.gatherSrc : null;
      if (!evaluateJacobian(ev, t, y, f0, this.J, this.u, this.du, this.atol, only)) return Infinity;
      if (!evaluateTimeDerivative(ev, t, y, f0, this.ft, this.du)) return Infinity;
      if (this.patternMask) this.checkPattern(t);
      let nonzero = false;
      for (let i = 0; i < n && !nonzero; i++) nonzero = this.ft[i] !== 0;
      this.ftZero = !nonzero;
      this.jacValid = true;
      this.luH = NaN;
    }
    if (h !== this.luH && !this.factor(h)) return Infinity;
    const { k, u, du, ft } = this;
    this.invH = 1 / h;
    // Stage 1.
    const hd0 = h * D[0];
    if (this.ftZero) k.set(f0);
    else for (let i = 0; i < n; i++) k[i] = f0[i] + hd0 * ft[i];
    this.solveW(k, 0);
    // Stages 2..5: inner points t + c_s h.
    for (let s = 1; s < 5; s++) {
      if (!this.stage(s, t + CT[s] * h, y, h * D[s])) return Infinity;
    }
    // Stage 6 at t + h; stages 7 and 8 build on its point (stiffly accurate).
    if (!this.stage(5, tEnd, y, 0)) return Infinity;
    for (let s = 6; s < S; s++) {
      const prev = (s - 1) * n;
      for (let i = 0; i < n; i++) u[i] += k[prev + i];
      if (!ev.f(tEnd, u, du)) return Infinity;
      this.combine(s, 0);
    }
    const last = (S - 1) * n;
    for (let i = 0; i < n; i++) yNew[i] = u[i] + k[last + i];
    return errorNorm(k, last, 1, y, yNew, this.atol, this.rtol, n);
  }

  /** Stage s (0-based) with explicit a-row: point y + Σ a_sj k_j, evaluated at time ts. */
  private stage(s: number, ts: number, y: Float64Array, hd: number): boolean {
    const { k, u, du } = this;
    this.pointSum[s](u, y, k);
    if (!this.ev.f(ts, u, du)) return false;
    this.combine(s, hd);
    return true;
  }

  /** k_s = W⁻¹ (du + hd·ft + Σ_j (C_sj/h) k_j). */
  private combine(s: number, hd: number): void {
    const n = this.ev.n;
    const { k, du, ft } = this;
    let base = du;
    if (hd !== 0 && !this.ftZero) {
      // ∂f/∂t term only for non-autonomous stretches (the BFR model has none between tstops).
      base = this.duT;
      for (let i = 0; i < n; i++) base[i] = du[i] + hd * ft[i];
    }
    this.slopeSum[s](k, base, this.invH);
    this.solveW(k, s * n);
  }

  /** Solves W x = b in place for the n-vector at offset o of buf, with whichever LU is current. */
  private solveW(buf: Float64Array, o: number): void {
    if (this.useSparse) this.sparse!.solve(buf, o);
    else luSolveNonzeros(this.W, this.ev.n, this.piv, this.denseNz, buf, o);
  }

  /** Throws when the analytic Jacobian writes a nonzero outside the declared pattern (checked once). */
  private checkPattern(t: number): void {
    const n = this.ev.n;
    const mask = this.patternMask!;
    for (let q = 0; q < n * n; q++) {
      if (this.J[q] !== 0 && !mask[q]) {
        const [i, j] = [Math.floor(q / n), q % n];
        throw new InputError("problem.jacobianSparsity", `missing (${i}, ${j})`,
          `a pattern holding every nonzero the Jacobian writes (J[${i}][${j}] = ${this.J[q]} at t = ${t})`);
      }
    }
    this.patternMask = null;
  }

  private factor(h: number): boolean {
    const n = this.ev.n;
    const { W, J } = this;
    const diag = 1 / (h * GAMMA);
    if (this.sparse) {
      this.sparse.loadShiftedNegative(J, diag);
      if (this.sparse.factor()) {
        this.ev.stats.luDecompositions++;
        this.useSparse = true;
        this.luH = h;
        return true;
      }
    }
    this.useSparse = false;
    const nn = n * n;
    for (let q = 0; q < nn; q++) W[q] = -J[q];
    for (let i = 0; i < n; i++) W[i * n + i] += diag;
    this.ev.stats.luDecompositions++;
    const info = luFactor(W, n, this.piv);
    if (info !== 0) {
      this.ev.singularColumn = info;
      this.luH = NaN;
      return false;
    }
    luNonzeros(W, n, this.denseNz);
    this.luH = h;
    return true;
  }

  accepted(): boolean {
    this.jacValid = false;
    this.luH = NaN;
    return false;
  }

  invalidate(): void {
    this.jacValid = false;
    this.luH = NaN;
  }

  /** ‖J‖∞ at the last evaluated point: an upper bound on the spectral radius (for "auto"). */
  jacobianNormInf(): number {
    const n = this.ev.n;
    const J = this.J;
    let m = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.abs(J[i * n + j]);
      if (s > m) m = s;
    }
    return m;
  }

  denseCoefficients(y: Float64Array, yNew: Float64Array, _f0: Float64Array, _h: number, out: Float64Array): void {
    const n = this.ev.n;
    const k = this.k;
    out.set(y, 0);
    out.set(yNew, n);
    // One pass reading the eight stage vectors once (rather than 24 axpys over them).
    const [a0, a1, a2, a3, a4, a5, a6, a7] = H[0];
    const [b0, b1, b2, b3, b4, b5, b6, b7] = H[1];
    const [c0, c1, c2, c3, c4, c5, c6, c7] = H[2];
    const o2 = 2 * n, o3 = 3 * n, o4 = 4 * n;
    for (let i = 0; i < n; i++) {
      const k0 = k[i], k1 = k[n + i], k2 = k[2 * n + i], k3 = k[3 * n + i];
      const k4 = k[4 * n + i], k5 = k[5 * n + i], k6 = k[6 * n + i], k7 = k[7 * n + i];
      out[o2 + i] = a0 * k0 + a1 * k1 + a2 * k2 + a3 * k3 + a4 * k4 + a5 * k5 + a6 * k6 + a7 * k7;
      out[o3 + i] = b0 * k0 + b1 * k1 + b2 * k2 + b3 * k3 + b4 * k4 + b5 * k5 + b6 * k6 + b7 * k7;
      out[o4 + i] = c0 * k0 + c1 * k1 + c2 * k2 + c3 * k3 + c4 * k4 + c5 * k5 + c6 * k6 + c7 * k7;
    }
  }
}
