/**
 * The last step of compiling: plain model data (metadata, equations, generated sources) → the
 * CompiledModel with live functions. The data is JSON-serialisable, so the same step serves a
 * fresh compile and a model read back from the compile cache (cache.ts).
 */
import { ModelError, type ModelErrorCode, type Severity } from "./errors.ts";
import { instantiate } from "./codegen.ts";
import { bindModel, type GeneratedFunctions } from "./bind.ts";
import { ratesDependOnTime } from "./time-dependence.ts";
import type { SourcePosition } from "../errors.ts";
import type { Expr } from "./expr.ts";
import type { Dim } from "./units.ts";
import type { CompiledModel, StateInfo, ParameterInfo, InputInfo, OutputInfo, DefinitionInfo } from "./types.ts";

/** A warning as plain data. */
export interface ProblemData { code: ModelErrorCode; detail: string; position: SourcePosition; severity: Severity }

/** Everything a CompiledModel is made of, as plain data (no functions, Maps or typed arrays). */
export interface ModelData {
  name: string;
  description?: string;
  file: string;
  contentHash: string;
  states: StateInfo[];
  parameters: ParameterInfo[];
  inputs: InputInfo[];
  observables: OutputInfo[];
  generated: {
    rhs: string; jacobian: string; outputs: string; initial: string;
    /** Parameter-invariant code motion (invariants.ts): derived(p, c) and the functions reading c. */
    derived: string; rhsDerived: string; jacobianDerived: string; outputsDerived: string;
  };
  /** Length of the derived-constant vector c. */
  derivedSize: number;
  /** Jacobian structural nonzeros, row-major sorted. */
  sparsity: { n: number; rows: number[]; cols: number[] };
  equations: {
    rates: Expr[];
    rateText: string[];
    initials: Expr[];
    definitions: DefinitionInfo[];
    dims: Array<[string, Dim]>;
  };
  warnings: ProblemData[];
}

/** Builds the CompiledModel (generated functions instantiated once) from its plain data. */
export function assembleModel(data: ModelData): CompiledModel {
  const { generated } = data;
  const fns = instantiate<Omit<GeneratedFunctions, "derivedSize">>(
    [generated.rhs, generated.jacobian, generated.outputs, generated.initial,
      generated.derived, generated.rhsDerived, generated.jacobianDerived, generated.outputsDerived],
    ["rhs", "jacobian", "outputs", "initial", "derived", "rhsDerived", "jacobianDerived", "outputsDerived"]);
  return bindModel({ ...data, ratesUseTime: ratesDependOnTime(data) }, { ...fns, derivedSize: data.derivedSize }, {
    generated,
    equations: { ...data.equations, dims: new Map(data.equations.dims) },
    warnings: data.warnings.map((w) => new ModelError(w.code, w.detail, w.position, w.severity)),
  });
}
