/**
 * The live part of a CompiledModel: plain metadata (states, parameters, inputs, outputs with their
 * unit scales; Jacobian sparsity) bound to the four generated functions, giving the parameter
 * vector, initial state and unit conversions. Pure and free of mathjs, code generation and the
 * file system, so the Node compiler (assemble.ts) and the notebooks' browser model
 * (notebooks/lib/browser-model.ts) build their models through this one code path.
 */
import { InputError } from "../errors.ts";
import { closestName } from "../suggest.ts";
import type {
  CompiledModel, DerivedModelFunctions, ModelRhs, ModelJacobian, ModelOutputs, ModelRhsDerived, ModelJacobianDerived,
  ModelOutputsDerived, ParameterBoundFunctions,
} from "./types.ts";

/**
 * The generated functions, live: rhs, Jacobian, outputs and initial(p SI, y0 SI out); optionally
 * their parameter-invariant forms (invariants.ts: derived(p, c) fills c of length derivedSize).
 * Without them (a browser model built from the four plain functions) the derived forms call the plain ones.
 */
export interface GeneratedFunctions {
  rhs: ModelRhs;
  jacobian: ModelJacobian;
  outputs: ModelOutputs;
  initial: (p: Float64Array, y0: Float64Array) => void;
  derived?: (p: Float64Array, c: Float64Array) => void;
  rhsDerived?: ModelRhsDerived;
  jacobianDerived?: ModelJacobianDerived;
  outputsDerived?: ModelOutputsDerived;
  derivedSize?: number;
}

/** The plain metadata a model is bound around (JSON-serialisable): CompiledModel's own fields plus the Jacobian pattern. */
export type ModelMetadata = Pick<CompiledModel, "name" | "description" | "file" | "contentHash" | "states" | "parameters" | "inputs" | "observables" | "ratesUseTime"> & {
  /** Jacobian structural nonzeros, row-major sorted. */
  sparsity: { n: number; rows: ArrayLike<number>; cols: ArrayLike<number> };
};

/** Everything of a CompiledModel but what is attached for inspection and export. */
export type BoundModel = Omit<CompiledModel, "generated" | "equations" | "warnings">;

/** Binds `fns` to the metadata `data` and attaches `extra` (generated sources, equations, warnings); frozen. */
export function bindModel<E extends object>(data: ModelMetadata, fns: GeneratedFunctions, extra: E): Readonly<BoundModel & E> {
  const { states, parameters, inputs, observables } = data;
  const index = {
    states: indexOf(states), parameters: indexOf(parameters), inputs: indexOf(inputs), outputs: indexOf(observables),
  };
  const defaults = Float64Array.from(parameters, (p) => p.internalValue);
  const stateScale = Float64Array.from(states, (s) => s.scale);
  const inputScale = Float64Array.from(inputs, (i) => i.scale);
  const derived = derivedFunctions(fns);
  const bound: BoundModel = {
    name: data.name, description: data.description, file: data.file, contentHash: data.contentHash,
    states, parameters, inputs, observables, index, ratesUseTime: data.ratesUseTime,
    parameterVector(overrides?: Readonly<Record<string, number>>): Float64Array {
      const p = defaults.slice();
      for (const [name, value] of Object.entries(overrides ?? {})) {
        const k = lookup(index.parameters, name, "parameter", data.name);
        if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`parameters.${name}`, value, `a finite number in ${parameters[k].unit}`);
        p[k] = value * parameters[k].scale;
      }
      return p;
    },
    initialState(p: Float64Array, overrides?: Readonly<Record<string, number>>): Float64Array {
      if (p.length !== parameters.length) throw new InputError("p", p, `a parameter vector of length ${parameters.length} (from parameterVector())`);
      const y0 = new Float64Array(states.length);
      fns.initial(p, y0);
      for (const [name, value] of Object.entries(overrides ?? {})) {
        const k = lookup(index.states, name, "state", data.name);
        if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`initial.${name}`, value, `a finite number in ${states[k].unit}`);
        y0[k] = value * states[k].scale;
      }
      return y0;
    },
    toDeclaredStates(y: ArrayLike<number>, out = new Float64Array(states.length)): Float64Array {
      for (let i = 0; i < stateScale.length; i++) out[i] = y[i] / stateScale[i];
      return out;
    },
    inputsToInternal(declared: ArrayLike<number>, out: Float64Array): Float64Array {
      for (let i = 0; i < inputScale.length; i++) out[i] = declared[i] * inputScale[i];
      return out;
    },
    rhs: fns.rhs, jacobian: fns.jacobian, outputs: fns.outputs,
    derived,
    bindParameters(p: Float64Array): ParameterBoundFunctions {
      if (!(p instanceof Float64Array) || p.length !== parameters.length) {
        throw new InputError("p", p, `a Float64Array parameter vector of length ${parameters.length} (from parameterVector())`);
      }
      return bindDerived(derived, p);
    },
    jacobianSparsity: sparsityArrays(data.sparsity),
  };
  return Object.freeze({ ...bound, ...extra });
}

/** The parameter-invariant functions, or stand-ins over the plain ones (c unused, size 0). */
function derivedFunctions(fns: GeneratedFunctions): DerivedModelFunctions {
  const { derived, rhsDerived, jacobianDerived, outputsDerived, derivedSize } = fns;
  if (derived && rhsDerived && jacobianDerived && outputsDerived && derivedSize !== undefined) {
    return Object.freeze({ size: derivedSize, compute: derived, rhs: rhsDerived, jacobian: jacobianDerived, outputs: outputsDerived });
  }
  const { rhs, jacobian, outputs } = fns;
  return Object.freeze({
    size: 0,
    compute: () => {},
    rhs: (t, y, dydt, p, u) => rhs(t, y, dydt, p, u),
    jacobian: (t, y, J, p, u) => jacobian(t, y, J, p, u),
    outputs: (t, y, p, u, out) => outputs(t, y, p, u, out),
  } satisfies DerivedModelFunctions);
}

/** `fns` bound to a copy of p and its derived constants, computed once here. */
function bindDerived(fns: DerivedModelFunctions, pIn: Float64Array): ParameterBoundFunctions {
  const p = pIn.slice();
  const c = new Float64Array(fns.size);
  fns.compute(p, c);
  const { rhs, jacobian, outputs } = fns;
  return Object.freeze({
    p,
    rhs: (t: number, y: Float64Array, dydt: Float64Array, u: Float64Array) => rhs(t, y, dydt, p, u, c),
    jacobian: (t: number, y: Float64Array, J: Float64Array, u: Float64Array) => jacobian(t, y, J, p, u, c),
    outputs: (t: number, y: Float64Array, u: Float64Array, out: Float64Array) => outputs(t, y, p, u, out, c),
  });
}

/** Typed-array sparsity with CSR row pointers (rowPtr[i]..rowPtr[i+1] are row i's entries). */
function sparsityArrays(s: ModelMetadata["sparsity"]): CompiledModel["jacobianSparsity"] {
  const rows = Int32Array.from(s.rows);
  const rowPtr = new Int32Array(s.n + 1);
  for (const r of rows) rowPtr[r + 1]++;
  for (let i = 0; i < s.n; i++) rowPtr[i + 1] += rowPtr[i];
  return { n: s.n, rows, cols: Int32Array.from(s.cols), rowPtr };
}

function indexOf(list: ReadonlyArray<{ name: string; index: number }>): Record<string, number> {
  const r: Record<string, number> = Object.create(null);
  for (const x of list) r[x.name] = x.index;
  return r;
}

/** The index of `name`, or an InputError suggesting the closest known name. */
function lookup(table: Readonly<Record<string, number>>, name: string, kind: string, model: string): number {
  const k = table[name];
  if (k !== undefined) return k;
  const names = Object.keys(table);
  const best = closestName(name, names);
  throw new InputError(`${kind}s.${name}`, name, `a ${kind} of model ${model}${best ? ` (did you mean "${best}"?)` : names.length ? "" : ` (it has no ${kind}s)`}`);
}

