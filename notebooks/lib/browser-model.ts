/**
 * Rebuilds a CompiledModel in the browser from the module that notebooks/data/emit-model.ts
 * wrote at build time (metadata + generated functions): the same parameter vector, initial
 * state and unit conversions as src/model/compile.ts, with no file system and no eval.
 */
import type { CompiledModel } from "../../src/model/types.ts";
import { bindModel, type GeneratedFunctions, type ModelMetadata } from "../../src/model/bind.ts";

/** What the generated model module exports. */
export interface ModelModule extends GeneratedFunctions {
  modelData: Omit<ModelMetadata, "sparsity"> & {
    index: CompiledModel["index"];
    jacobianSparsity: { n: number; rows: number[]; cols: number[]; rowPtr: number[] };
  };
}

/**
 * A CompiledModel over the generated functions, bound by the same code as the Node compiler
 * (src/model/bind.ts). `equations` (expression trees) are not carried to the browser: simulate()
 * does not read them.
 */
export function hydrateModel(mod: ModelModule): CompiledModel {
  const d = mod.modelData;
  const model = bindModel({ ...d, sparsity: d.jacobianSparsity }, mod, {
    generated: { rhs: String(mod.rhs), jacobian: String(mod.jacobian), outputs: String(mod.outputs), initial: String(mod.initial) },
    warnings: [],
  });
  return model as unknown as CompiledModel;
}
