// Public API of the model compiler. Index files only re-export.
export { compileModelFile, checkModelFile, type CheckResult, type CompileOptions } from "./compile.ts";
/** The candidate closest to a misspelt name (shared "did you mean", src/suggest.ts). */
export { closestName as closest } from "../suggest.ts";
export { cacheDirectory, type CacheSetting } from "./cache.ts";
export { modelProblem, stateTolerances, type ModelProblemOptions, type InputFunction } from "./problem.ts";
export { ModelError, ModelCompileError, type ModelErrorCode, type Severity } from "./errors.ts";
export type {
  CompiledModel, StateInfo, ParameterInfo, InputInfo, OutputInfo, DefinitionInfo, ModelEquations,
  ModelRhs, ModelJacobian, ModelOutputs, DerivedModelFunctions, ParameterBoundFunctions,
  ModelRhsDerived, ModelJacobianDerived, ModelOutputsDerived,
} from "./types.ts";
export type { Sparsity } from "./jacobian.ts";
export type { Expr } from "./expr.ts";
export { EVIDENCE_GRADES, type EvidenceGrade } from "./load.ts";
export { toSbml, sbmlId } from "./sbml.ts";
export { toPython } from "./python.ts";
export { showModel, modelMarkdown, exprToTex } from "./doc.ts";
