/**
 * The ODE problem → solve → solution contract (after SciPy `solve_ivp` and SciMLBase).
 * Plain data in, plain data out. Everything numeric is in the problem's own units; the
 * integrator knows nothing of physiology.
 */

/** Right-hand side: write dy/dt at (t, y) into `dydt`. Must not allocate or keep references. */
export type RhsFunction = (t: number, y: Float64Array, dydt: Float64Array) => void;

/**
 * Jacobian ∂f/∂y at (t, y), written row-major into `J` (J[i*n + j] = ∂f_i/∂y_j).
 * `J` arrives zero-filled only on the first call; write every entry you own each time.
 */
export type JacobianFunction = (t: number, y: Float64Array, J: Float64Array) => void;

/** Time derivative ∂f/∂t at (t, y), written into `ft` (SciML's `tgrad`). */
export type TimeDerivativeFunction = (t: number, y: Float64Array, ft: Float64Array) => void;

/** A zero-crossing to locate: `g(t, y) = 0`. */
export interface EventSpec {
  /** Name reported in `solution.events`. */
  name: string;
  /** Event function; a root is located where it changes sign. */
  g: (t: number, y: Float64Array) => number;
  /** Crossing direction that counts: +1 rising, -1 falling, 0 both (default 0). */
  direction?: -1 | 0 | 1;
  /** Stop the integration at the first located root (default false). */
  terminal?: boolean;
  /**
   * Optional state reset applied at the event (e.g. a bounce); the integrator restarts from the
   * modified state. Mutate `y` in place.
   */
  affect?: (t: number, y: Float64Array) => void;
}

/** An initial value problem. Treat as frozen: make variations with `remake`. */
export interface OdeProblem {
  rhs: RhsFunction;
  y0: ArrayLike<number>;
  tspan: readonly [number, number];
  /** Analytic Jacobian; finite differences are used when absent. */
  jacobian?: JacobianFunction;
  /**
   * Analytic ∂f/∂t for the Rosenbrock method; a forward difference (one extra RHS call per
   * step) is used when absent. For a RHS that depends on t only through inputs that are
   * constant between tstops, it is zero.
   */
  timeDerivative?: TimeDerivativeFunction;
  /**
   * Structural nonzeros of ∂f/∂y (entry k is (rows[k], cols[k]), 0-based; the diagonal is
   * implied). When given, the stiff method factors its iteration matrix with a sparse LU whose
   * pivot order is fixed once from the pattern (dense LU with pivoting if a pivot is too small).
   * An analytic Jacobian must write nothing outside it (checked once); finite-difference entries
   * outside it are ignored.
   */
  jacobianSparsity?: { rows: ArrayLike<number>; cols: ArrayLike<number> };
  /** Known discontinuities of the RHS: hit exactly, and the integrator restarts there. */
  tstops?: ArrayLike<number>;
  events?: readonly EventSpec[];
  /** Component names, used in error messages (e.g. a non-finite derivative). */
  names?: readonly string[];
}

export type MethodName = "dopri5" | "rodas5p" | "rodas4p" | "auto" | (string & {});

/** Solver options; defaults live in one place (`DEFAULT_SOLVE_OPTIONS` in options.ts). */
export interface SolveOptions {
  /** Integration method (default "auto": non-stiff with stiffness detection and switching). */
  method?: MethodName;
  /** Relative tolerance (default 1e-6). Must be ≥ 1e-14 (below that the error estimate is rounding noise). */
  rtol?: number;
  /** Absolute tolerance, scalar or per component (default 1e-8). Must be > 0. */
  atol?: number | ArrayLike<number>;
  /** Output times; when absent every accepted step is saved. */
  saveat?: ArrayLike<number>;
  /** Keep a continuous interpolant (`solution.sol(t)`) over the whole span (default false). */
  dense?: boolean;
  /** Maximum number of steps (accepted + rejected) before failing (default 100 000). */
  maxSteps?: number;
  /** Initial step size; estimated when absent (Hairer–Wanner starting-step algorithm). */
  h0?: number;
  /** Largest step allowed (default: the whole span). */
  hmax?: number;
  /** Cancel: checked between steps; the solution so far is returned with status "aborted". */
  signal?: AbortSignal;
}

/** Work counters, as CVODE and DifferentialEquations.jl report them. */
export interface SolveStats {
  acceptedSteps: number;
  rejectedSteps: number;
  rhsEvaluations: number;
  jacobianEvaluations: number;
  luDecompositions: number;
  /** Number of switches between non-stiff and stiff methods ("auto" only). */
  methodSwitches: number;
}

export type SolveStatus = "success" | "terminated" | "aborted" | "failed";

/** A located event. */
export interface EventRecord {
  name: string;
  t: number;
  y: Float64Array;
}

export interface OdeSolution {
  /** Output times. */
  t: Float64Array;
  /** States at the output times: `y[k]` is the state vector at `t[k]`. */
  y: Float64Array[];
  /**
   * With `saveat`: the same states row-major in one block (state i at t[k] is yFlat[k·n + i]);
   * `y[k]` are views into it, made on the first read of `y`.
   */
  yFlat?: Float64Array;
  stats: SolveStats;
  status: SolveStatus;
  message: string;
  events: EventRecord[];
  /** Dense interpolant over the integrated span (only when `options.dense`). */
  sol?: (t: number, out?: Float64Array) => Float64Array;
  /** The error that stopped a failed solve (its `partial` holds this same solution). */
  error?: Error;
}
