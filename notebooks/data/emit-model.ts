/**
 * The compiled model as a browser ES module: the generated rhs, Jacobian, outputs and initial
 * functions as real functions (no eval in the page), plus the model's plain metadata. Model files
 * are read here, at build time; the page never touches the file system.
 */
import type { CompiledModel } from "../../src/model/types.ts";
import { HELPERS_SOURCE } from "../../src/model/codegen.ts";

/** The metadata a browser needs to rebuild a CompiledModel (see notebooks/lib/browser-model.ts). */
export function modelMetadata(model: CompiledModel) {
  return {
    name: model.name,
    description: model.description,
    file: model.file.split(/[\\/]/).slice(-2).join("/"),
    contentHash: model.contentHash,
    states: model.states,
    parameters: model.parameters.map((p) => ({ ...p, file: p.file.split(/[\\/]/).slice(-3).join("/") })),
    inputs: model.inputs,
    observables: model.observables,
    index: model.index,
    ratesUseTime: model.ratesUseTime,
    jacobianSparsity: {
      n: model.jacobianSparsity.n,
      rows: Array.from(model.jacobianSparsity.rows),
      cols: Array.from(model.jacobianSparsity.cols),
      rowPtr: Array.from(model.jacobianSparsity.rowPtr),
    },
  };
}

/** Source of the ES module: `export const modelData` and the four generated functions. */
export function modelModuleSource(model: CompiledModel): string {
  const g = model.generated;
  return [
    `// Generated at build time by notebooks/data/emit-model.ts from ${modelMetadata(model).file}`,
    `// (sha256 ${model.contentHash}). Do not edit: edit the model files and rebuild.`,
    `export const modelData = ${JSON.stringify(modelMetadata(model))};`,
    HELPERS_SOURCE,
    `export ${g.rhs}`,
    `export ${g.jacobian}`,
    `export ${g.outputs}`,
    `export ${g.initial}`,
    "",
  ].join("\n");
}
