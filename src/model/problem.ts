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
}

/** Builds an OdeProblem (time in s, states in SI) from a compiled model. */
export function modelProblem(model: CompiledModel, options: ModelProblemOptions): OdeProblem {
  // a copy: the derived constants below are computed once from it, so later changes to the
  // caller's vector must not reach the rhs either
  const p = Float64Array.from(options.p ?? model.parameterVector());
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
  // parameter-only subexpressions computed once for this p (bit-identical to model.rhs/jacobian)
  const { rhs, jacobian } = model.derived;
  const c = new Float64Array(model.derived.size);
  model.derived.compute(p, c);
  const update = (t: number): void => {
    if (!inputAt || nIn === 0) return;
    inputAt(t, declared);
    for (let k = 0; k < nIn; k++) u[k] = declared[k] * scale[k];
  };
  return Object.freeze({
    rhs: (t: number, y: Float64Array, dydt: Float64Array) => { update(t); rhs(t, y, dydt, p, u, c); },
    jacobian: (t: number, y: Float64Array, J: Float64Array) => { update(t); jacobian(t, y, J, p, u, c); },
    // structural nonzeros: the stiff solver factors its iteration matrix with a sparse LU
    jacobianSparsity: model.jacobianSparsity,
    y0: Float64Array.from(y0),
    tspan: options.tspan,
    tstops: options.tstops,
    names: model.states.map((s) => s.name),
  });
}

/**
 * Per-state absolute tolerances in SI from one tolerance in each state's declared unit:
 * internal SI values can be tiny (1 nmol = 1e-9 mol), so a scalar atol is rarely right.
 */
export function stateTolerances(model: CompiledModel, atolDeclared = 1e-8): Float64Array {
  return Float64Array.from(model.states, (s) => atolDeclared * s.scale);
}
