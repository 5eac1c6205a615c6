/**
 * Rodas-type Rosenbrock stepper, defined by its table (tableaus.ts: Rodas5P, Rodas4P): one LU of W = I/(hγ) − J
 * per step and no Newton iteration. The Jacobian and ∂f/∂t are evaluated once per accepted
 * point and reused across rejected attempts from the same point; W is refactored only when h
 * or J changes. An exact Jacobian at every step is part of the method's order conditions, so
 * no W-method style reuse across steps. Stage structure shared by the Rodas family (Hairer &
 * Wanner, Solving ODEs II, §IV.7, and Hairer's RODAS code): the stage with the last a-row sits
 * at t + h; every later stage adds the previous increment to its point (stiffly accurate), and
 * y₁ = U_last + k_last with k_last the error estimate.
 */
import type { RosenbrockTable } from "./tableaus.ts";
import { InputError } from "../errors.ts";
import { luFactor, luNonzeros, luNonzerosFor, luSolveNonzeros, type LuNonzeros } from "./linalg.ts";
import { SparseLu, type SparsityPattern } from "./sparse-lu.ts";
import { evaluateJacobian, evaluateTimeDerivative } from "./jacobian.ts";
import { rosenbrockDense, rosenbrockSums, type DenseSum, type PointSum, type SlopeSum } from "./stage-sums.ts";
import { DENSE_RODAS5P, errorNorm, RhsEvaluator, type Stepper } from "./stepper.ts";

/** A linearly implicit Rodas-type method with Jacobian reuse after rejections. */
export class RosenbrockStepper implements Stepper {
  readonly name: RosenbrockTable["name"];
  readonly denseKind = DENSE_RODAS5P;
  readonly errorOrder: number;
  /** Number of stages. */
  private readonly S: number;
  /** Index of the stage whose a-row gives the point at t + h. */
  private readonly atEnd: number;
  private readonly gamma: number;
  private readonly c: readonly number[];
  private readonly d: readonly number[];
  /** Generated dense-output coefficients (rows 2..4 of a segment). */
  private readonly denseSum: DenseSum;
  /** Jacobian at the current accepted point (row-major). */
  readonly J: Float64Array;
  private readonly W: Float64Array;
  private readonly piv: Int32Array;
  /** Nonzeros of the dense factors (the fallback factors a sparse W: solves skip its zeros). */
  private readonly denseNz: LuNonzeros;
  private readonly ft: Float64Array;
  /** Stage increments k_1..k_S, each n long, stored contiguously. */
  private readonly k: Float64Array;
  private readonly u: Float64Array;
  private readonly du: Float64Array;
  /** Generated point sums u = y + Σ a_sj k_j and slope sums, by stage. */
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
    table: RosenbrockTable,
    private readonly ev: RhsEvaluator,
    private readonly rtol: number,
    private readonly atol: Float64Array,
    sparsity: SparsityPattern | null = null,
  ) {
    const n = ev.n;
    this.name = table.name;
    this.errorOrder = table.errorOrder;
    this.S = table.C.length;
    this.atEnd = table.a.length - 1;
    this.gamma = table.gamma;
    this.c = table.c;
    this.d = table.d;
    const S = this.S;
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
    const sums = rosenbrockSums(table.a, table.C, n);
    this.pointSum = sums.point as PointSum[];
    this.slopeSum = sums.slope as SlopeSum[];
    this.denseSum = rosenbrockDense(table.h, S, n);
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
    const { S, atEnd, c: CT, d: D } = this;
    const hd0 = h * D[0];
    if (this.ftZero) k.set(f0);
    else for (let i = 0; i < n; i++) k[i] = f0[i] + hd0 * ft[i];
    this.solveW(k, 0);
    // Inner stages at t + c_s h.
    for (let s = 1; s < atEnd; s++) {
      if (!this.stage(s, t + CT[s] * h, y, h * D[s])) return Infinity;
    }
    // The stage at t + h (Rodas5P: 6 of 8); the later ones build on its point (stiffly accurate).
    if (!this.stage(atEnd, tEnd, y, 0)) return Infinity;
    for (let s = atEnd + 1; s < S; s++) {
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
    const diag = 1 / (h * this.gamma);
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
    out.set(y, 0);
    out.set(yNew, n);
    this.denseSum(out, this.k);
  }
}
