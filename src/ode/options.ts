/**
 * Solver options: one defaults object, resolved and validated once per `solve` call
 * (unknown keys warn, as SciPy's solve_ivp does). Problem validation lives here too so every
 * bad input is reported with the field, the value and what was expected.
 */
import { InputError } from "../errors.ts";
import type { MethodName, OdeProblem, SolveOptions } from "./types.ts";

/** The methods `solve` knows. */
export const METHODS = ["auto", "dopri5", "rodas5p", "rodas4p"] as const;

/** Every option with its default; `undefined` means "estimated" or "absent". */
export const DEFAULT_SOLVE_OPTIONS: Readonly<Required<Omit<SolveOptions, "saveat" | "h0" | "signal">> & Pick<SolveOptions, "saveat" | "h0" | "signal">> =
  Object.freeze({
    method: "auto" as MethodName,
    rtol: 1e-6,
    atol: 1e-8,
    saveat: undefined,
    dense: false,
    maxSteps: 100_000,
    h0: undefined,
    hmax: Infinity,
    signal: undefined,
  });

/** Options after defaults and validation; atol expanded to one value per component. */
export interface ResolvedOptions {
  method: (typeof METHODS)[number];
  rtol: number;
  atol: Float64Array;
  saveat: Float64Array | null;
  dense: boolean;
  maxSteps: number;
  /** 0 when the initial step is to be estimated. */
  h0: number;
  hmax: number;
  signal: AbortSignal | undefined;
}

/** Checked copy of the problem's arrays. */
export interface ResolvedProblem {
  n: number;
  y0: Float64Array;
  t0: number;
  t1: number;
  /** Sorted tstops strictly inside (t0, t1), at least TIME_RESOLUTION apart from each other and the ends. */
  tstops: Float64Array;
  names: readonly string[] | undefined;
  /** Checked copy of problem.jacobianSparsity, or null. */
  sparsity: { rows: Int32Array; cols: Int32Array } | null;
}

/** Times closer than this (relative) are the same time for tstops (64 ulps). */
export const TIME_RESOLUTION = 64 * Number.EPSILON;

/** Smallest step size the driver attempts (absolute; near t = 0 the relative test cannot bite). */
export const MIN_STEP = 1e-300;

/** Smallest relative tolerance accepted: ~50 unit roundoffs (Hairer's codes demand > 10·u). */
export const MIN_RTOL = 1e-14;

const KNOWN = new Set(Object.keys(DEFAULT_SOLVE_OPTIONS));

function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** Validates the problem and returns typed copies of its numeric arrays. */
export function resolveProblem(problem: OdeProblem): ResolvedProblem {
  if (problem == null || typeof problem !== "object") throw new InputError("problem", problem, "an object { rhs, y0, tspan }");
  if (typeof problem.rhs !== "function") throw new InputError("problem.rhs", problem.rhs, "a function (t, y, dydt) => void");
  if (problem.jacobian !== undefined && typeof problem.jacobian !== "function") {
    throw new InputError("problem.jacobian", problem.jacobian, "a function (t, y, J) => void or undefined");
  }
  if (problem.timeDerivative !== undefined && typeof problem.timeDerivative !== "function") {
    throw new InputError("problem.timeDerivative", problem.timeDerivative, "a function (t, y, ft) => void or undefined");
  }
  if (!isArrayLike(problem.y0) || problem.y0.length === 0) {
    throw new InputError("problem.y0", problem.y0, "a non-empty array of finite numbers");
  }
  const n = problem.y0.length;
  const y0 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = problem.y0[i];
    if (!isFiniteNumber(v)) throw new InputError(`problem.y0[${i}]`, v, "a finite number");
    y0[i] = v;
  }
  const names = problem.names;
  if (names !== undefined) {
    if (!Array.isArray(names)) throw new InputError("problem.names", names, "an array of strings");
    if (names.length !== n) {
      throw new InputError("problem.y0", problem.y0, `${names.length} values, one per name in problem.names (got ${n})`);
    }
  }
  const tspan = problem.tspan;
  if (!isArrayLike(tspan) || tspan.length !== 2) throw new InputError("problem.tspan", tspan, "[t0, t1], two finite numbers");
  const [t0, t1] = [tspan[0], tspan[1]];
  if (!isFiniteNumber(t0)) throw new InputError("problem.tspan[0]", t0, "a finite number");
  if (!isFiniteNumber(t1)) throw new InputError("problem.tspan[1]", t1, "a finite number");
  if (!(t1 > t0)) throw new InputError("problem.tspan[1]", t1, `a number greater than tspan[0] = ${t0} (integration runs forward)`);
  const stops: number[] = [];
  if (problem.tstops !== undefined) {
    if (!isArrayLike(problem.tstops)) throw new InputError("problem.tstops", problem.tstops, "an array of finite numbers");
    for (let i = 0; i < problem.tstops.length; i++) {
      const v = problem.tstops[i];
      if (!isFiniteNumber(v)) throw new InputError(`problem.tstops[${i}]`, v, "a finite number");
      if (v > t0 && v < t1) stops.push(v);
    }
  }
  stops.sort((a, b) => a - b);
  // Stops a few ulps from t0, t1 or each other (sums of protocol durations) would force steps
  // below the resolution of t: keep one of each cluster and drop those at the ends.
  const apart = (a: number, b: number) => Math.abs(b - a) > Math.max(TIME_RESOLUTION * Math.max(Math.abs(a), Math.abs(b)), MIN_STEP);
  const kept: number[] = [];
  for (const v of stops) {
    if (apart(t0, v) && apart(v, t1) && (kept.length === 0 || apart(kept[kept.length - 1], v))) kept.push(v);
  }
  const tstops = Float64Array.from(kept);
  validateEvents(problem);
  return { n, y0, t0, t1, tstops, names, sparsity: resolveSparsity(problem, n) };
}

function resolveSparsity(problem: OdeProblem, n: number): { rows: Int32Array; cols: Int32Array } | null {
  const sp = problem.jacobianSparsity;
  if (sp === undefined) return null;
  const field = "problem.jacobianSparsity";
  if (sp == null || typeof sp !== "object" || !isArrayLike(sp.rows) || !isArrayLike(sp.cols)) {
    throw new InputError(field, sp, "{ rows, cols }: two arrays of 0-based indices of equal length");
  }
  if (sp.rows.length !== sp.cols.length) {
    throw new InputError(`${field}.cols`, sp.cols, `${sp.rows.length} indices, as many as rows (got ${sp.cols.length})`);
  }
  const rows = new Int32Array(sp.rows.length);
  const cols = new Int32Array(sp.cols.length);
  for (const [key, src, dst] of [["rows", sp.rows, rows], ["cols", sp.cols, cols]] as const) {
    for (let q = 0; q < src.length; q++) {
      const v = src[q];
      if (!Number.isInteger(v) || v < 0 || v >= n) throw new InputError(`${field}.${key}[${q}]`, v, `an integer index in 0..${n - 1}`);
      dst[q] = v;
    }
  }
  return { rows, cols };
}

function validateEvents(problem: OdeProblem): void {
  const events = problem.events;
  if (events === undefined) return;
  if (!Array.isArray(events)) throw new InputError("problem.events", events, "an array of { name, g, direction?, terminal?, affect? }");
  events.forEach((ev, i) => {
    if (ev == null || typeof ev !== "object") throw new InputError(`problem.events[${i}]`, ev, "an event object");
    if (typeof ev.name !== "string") throw new InputError(`problem.events[${i}].name`, ev.name, "a string");
    if (typeof ev.g !== "function") throw new InputError(`problem.events[${i}].g`, ev.g, "a function (t, y) => number");
    if (ev.direction !== undefined && ev.direction !== -1 && ev.direction !== 0 && ev.direction !== 1) {
      throw new InputError(`problem.events[${i}].direction`, ev.direction, "-1, 0 or 1");
    }
    if (ev.affect !== undefined && typeof ev.affect !== "function") {
      throw new InputError(`problem.events[${i}].affect`, ev.affect, "a function (t, y) => void");
    }
  });
}

/** Merges `options` over {@link DEFAULT_SOLVE_OPTIONS}, validates, and warns on unknown keys. */
export function resolveOptions(options: SolveOptions | undefined, p: ResolvedProblem): ResolvedOptions {
  const o = options ?? {};
  if (typeof o !== "object") throw new InputError("options", o, "an options object");
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) {
      console.warn(`bfrsim solve: unknown option "${key}" ignored (known: ${[...KNOWN].join(", ")})`);
    }
  }
  const d = DEFAULT_SOLVE_OPTIONS;
  const method = o.method ?? d.method;
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new InputError("options.method", method, `one of ${METHODS.join(", ")}`);
  }
  const rtol = o.rtol ?? d.rtol;
  if (!isFiniteNumber(rtol) || rtol <= 0) throw new InputError("options.rtol", rtol, "a finite number > 0");
  if (rtol < MIN_RTOL) {
    throw new InputError("options.rtol", rtol, `at least ${MIN_RTOL} (below that the error estimate is rounding noise)`);
  }
  const atol = resolveAtol(o.atol ?? d.atol, p.n);
  const saveat = o.saveat === undefined ? null : resolveSaveat(o.saveat, p);
  const dense = o.dense ?? d.dense;
  if (typeof dense !== "boolean") throw new InputError("options.dense", dense, "true or false");
  const maxSteps = o.maxSteps ?? d.maxSteps;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new InputError("options.maxSteps", maxSteps, "a positive integer");
  const h0 = o.h0 ?? 0;
  if (o.h0 !== undefined && (!isFiniteNumber(h0) || h0 <= 0)) throw new InputError("options.h0", o.h0, "a finite number > 0");
  const hmax = o.hmax ?? d.hmax;
  if (typeof hmax !== "number" || !(hmax > 0)) throw new InputError("options.hmax", hmax, "a number > 0");
  const signal = o.signal;
  if (signal !== undefined && (signal === null || typeof signal !== "object" || typeof signal.aborted !== "boolean")) {
    throw new InputError("options.signal", signal, "an AbortSignal");
  }
  return { method: method as ResolvedOptions["method"], rtol, atol, saveat, dense, maxSteps, h0, hmax, signal };
}

function resolveAtol(atol: unknown, n: number): Float64Array {
  const out = new Float64Array(n);
  if (typeof atol === "number") {
    if (!Number.isFinite(atol) || atol <= 0) throw new InputError("options.atol", atol, "a finite number > 0 (or one per component)");
    out.fill(atol);
    return out;
  }
  if (!isArrayLike(atol)) throw new InputError("options.atol", atol, "a number > 0 or an array of them");
  if (atol.length !== n) throw new InputError("options.atol", atol, `${n} values (one per component), got ${atol.length}`);
  for (let i = 0; i < n; i++) {
    const v = atol[i];
    if (!isFiniteNumber(v) || v <= 0) throw new InputError(`options.atol[${i}]`, v, "a finite number > 0");
    out[i] = v;
  }
  return out;
}

function resolveSaveat(saveat: unknown, p: ResolvedProblem): Float64Array {
  if (!isArrayLike(saveat)) throw new InputError("options.saveat", saveat, "an array of times");
  const out = new Float64Array(saveat.length);
  for (let i = 0; i < saveat.length; i++) {
    const v = saveat[i];
    if (!isFiniteNumber(v)) throw new InputError(`options.saveat[${i}]`, v, "a finite number");
    if (v < p.t0 || v > p.t1) throw new InputError(`options.saveat[${i}]`, v, `a time within tspan [${p.t0}, ${p.t1}]`);
    if (i > 0 && v < out[i - 1]) throw new InputError(`options.saveat[${i}]`, v, `times in increasing order (previous ${out[i - 1]})`);
    out[i] = v;
  }
  return out;
}
