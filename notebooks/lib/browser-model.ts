/**
 * Rebuilds a CompiledModel in the browser from the module that notebooks/data/emit-model.ts
 * wrote at build time (metadata + generated functions): the same parameter vector, initial
 * state and unit conversions as src/model/compile.ts, with no file system and no eval.
 */
import type { CompiledModel, ModelJacobian, ModelOutputs, ModelRhs } from "../../src/model/types.ts";
import { InputError } from "../../src/errors.ts";

/** What the generated model module exports. */
export interface ModelModule {
  modelData: {
    name: string; description?: string; file: string; contentHash: string;
    states: CompiledModel["states"]; parameters: CompiledModel["parameters"]; inputs: CompiledModel["inputs"];
    observables: CompiledModel["observables"]; index: CompiledModel["index"];
    jacobianSparsity: { n: number; rows: number[]; cols: number[]; rowPtr: number[] };
  };
  rhs: ModelRhs;
  jacobian: ModelJacobian;
  outputs: ModelOutputs;
  initial: (p: Float64Array, y0: Float64Array) => void;
}

function lookup(table: Readonly<Record<string, number>>, name: string, kind: string): number {
  const k = table[name];
  if (k === undefined) throw new InputError(`${kind}s.${name}`, name, `a ${kind} of the model`);
  return k;
}

/**
 * A CompiledModel over the generated functions. `equations` (expression trees) are not carried
 * to the browser: simulate() does not read them.
 */
export function hydrateModel(mod: ModelModule): CompiledModel {
  const d = mod.modelData;
  const defaults = Float64Array.from(d.parameters, (p) => p.internalValue);
  const stateScale = Float64Array.from(d.states, (s) => s.scale);
  const inputScale = Float64Array.from(d.inputs, (i) => i.scale);
  const model = {
    name: d.name, description: d.description, file: d.file, contentHash: d.contentHash,
    states: d.states, parameters: d.parameters, inputs: d.inputs, observables: d.observables, index: d.index,
    parameterVector(overrides?: Readonly<Record<string, number>>): Float64Array {
      const p = defaults.slice();
      for (const [name, value] of Object.entries(overrides ?? {})) {
        const k = lookup(d.index.parameters, name, "parameter");
        if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`parameters.${name}`, value, `a finite number in ${d.parameters[k].unit}`);
        p[k] = value * d.parameters[k].scale;
      }
      return p;
    },
    initialState(p: Float64Array, overrides?: Readonly<Record<string, number>>): Float64Array {
      const y0 = new Float64Array(d.states.length);
      mod.initial(p, y0);
      for (const [name, value] of Object.entries(overrides ?? {})) {
        const k = lookup(d.index.states, name, "state");
        y0[k] = value * d.states[k].scale;
      }
      return y0;
    },
    toDeclaredStates(y: ArrayLike<number>, out = new Float64Array(d.states.length)): Float64Array {
      for (let i = 0; i < stateScale.length; i++) out[i] = y[i] / stateScale[i];
      return out;
    },
    inputsToInternal(declared: ArrayLike<number>, out: Float64Array): Float64Array {
      for (let i = 0; i < inputScale.length; i++) out[i] = declared[i] * inputScale[i];
      return out;
    },
    rhs: mod.rhs, jacobian: mod.jacobian, outputs: mod.outputs,
    jacobianSparsity: {
      n: d.jacobianSparsity.n,
      rows: Int32Array.from(d.jacobianSparsity.rows),
      cols: Int32Array.from(d.jacobianSparsity.cols),
      rowPtr: Int32Array.from(d.jacobianSparsity.rowPtr),
    },
    generated: { rhs: String(mod.rhs), jacobian: String(mod.jacobian), outputs: String(mod.outputs), initial: String(mod.initial) },
    warnings: [],
  };
  return Object.freeze(model) as unknown as CompiledModel;
}
