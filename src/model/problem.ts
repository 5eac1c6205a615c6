/**
 * A compiled model as an ODE problem (src/ode/types.ts). Generic: the caller supplies the
 * input signals as a function of time; this module knows nothing of protocols.
 */
import { InputError } from "../errors.ts";
import type { OdeProblem } from "../ode/types.ts";
import type { CompiledModel } from "./types.ts";

/** Writes every model input at time t (s), in declared units, in model input order. */
export type InputFunction = (tS: number, inputs: Float64Array) => void;

export interface ModelProblemOptions {
  /** Parameter vector (SI) from `model.parameterVector()`, copied when the problem is built; default: the model's defaults. */
  p?: Float64Array;
  /** Initial state (SI); default: `model.initialState(p)`. */
  y0?: ArrayLike<number>;
  /** Input signals in declared units; default: all inputs 0. */
  inputs?: InputFunction;
  /** Integration span in seconds. */
  tspan: readonly [number, number];
  /** Times (s) where the inputs jump, so the integrator restarts there. */
  tstops?: ArrayLike<number>;
  /**
   * The caller's promise that `inputs` returns the same values for every t between two
   * consecutive tstops, right-continuously: on [tstops[k], tstops[k+1]), before the first and
   * from the last on (as a compiled protocol schedule does). The inputs are then read once per
   * segment instead of at every rhs and Jacobian call. Needs ascending tstops. Default false.
   */
  inputsPiecewiseConstant?: boolean;
}

/** Builds an OdeProblem (time in s, states in SI) from a compiled model. */
export function modelProblem(model: CompiledModel, options: ModelProblemOptions): OdeProblem {
  const p = options.p ?? model.parameterVector();
  if (p.length !== model.parameters.length) {
    throw new InputError("p", p, `a parameter vector of length ${model.parameters.length}`);
  }
  const y0 = options.y0 ?? model.initialState(p);
  if (y0.length !== model.states.length) throw new InputError("y0", y0, `${model.states.length} initial values`);
  const nIn = model.inputs.length;
  const declared = new Float64Array(nIn);
  const u = new Float64Array(nIn);
  const scale = Float64Array.from(model.inputs, (i) => i.scale);
  const inputAt = options.inputs;
  // bound to a copy of p, parameter-only subexpressions computed once (bit-identical to model.rhs/jacobian)
  const { rhs, jacobian } = model.bindParameters(Float64Array.from(p));
  const stops = options.inputsPiecewiseConstant ? ascendingTstops(options.tstops) : undefined;
  let lo = Infinity, hi = -Infinity; // the segment the inputs in u were read for: [lo, hi)
  const update = (t: number): void => {
    if (!inputAt || nIn === 0 || (t >= lo && t < hi)) return;
    inputAt(t, declared);
    for (let k = 0; k < nIn; k++) u[k] = declared[k] * scale[k];
    if (stops) {
      const k = stopsAtOrBefore(stops, t);
      lo = k > 0 ? stops[k - 1] : -Infinity;
      hi = k < stops.length ? stops[k] : Infinity;
    }
  };
  return Object.freeze({
    rhs: (t: number, y: Float64Array, dydt: Float64Array) => { update(t); rhs(t, y, dydt, u); },
    jacobian: (t: number, y: Float64Array, J: Float64Array) => { update(t); jacobian(t, y, J, u); },
    // structural nonzeros: the stiff solver factors its iteration matrix with a sparse LU
    jacobianSparsity: model.jacobianSparsity,
    y0: Float64Array.from(y0),
    tspan: options.tspan,
    tstops: options.tstops,
    names: model.states.map((s) => s.name),
  });
}

/** The tstops as a Float64Array, checked strictly ascending. */
function ascendingTstops(tstops: ArrayLike<number> | undefined): Float64Array {
  const ts = Float64Array.from(tstops ?? []);
  for (let k = 1; k < ts.length; k++) {
    if (!(ts[k] > ts[k - 1])) throw new InputError("tstops", tstops, "strictly ascending times when inputsPiecewiseConstant is set");
  }
  return ts;
}

/** Number of entries of ascending `ts` that are ≤ t (binary search). */
function stopsAtOrBefore(ts: Float64Array, t: number): number {
  let a = 0, b = ts.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (ts[mid] <= t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/**
 * Per-state absolute tolerances in SI from one tolerance in each state's declared unit:
 * internal SI values can be tiny (1 nmol = 1e-9 mol), so a scalar atol is rarely right.
 */
export function stateTolerances(model: CompiledModel, atolDeclared = 1e-8): Float64Array {
  return Float64Array.from(model.states, (s) => atolDeclared * s.scale);
}
