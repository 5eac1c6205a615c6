/**
 * The compiled model: plain data (names, units, indices, provenance) plus generated functions.
 * Everything a generated function reads or writes is in internal coherent SI (time in s);
 * the `scale` of a quantity converts its declared unit to SI (si = declared × scale).
 */
import type { Expr } from "./expr.ts";
import type { Sparsity } from "./jacobian.ts";
import type { EvidenceGrade } from "./load.ts";
import type { Dim } from "./units.ts";

export interface StateInfo {
  name: string;
  index: number;
  unit: string;
  /** SI per declared unit. */
  scale: number;
  /** Default initial value as written: a number in `unit` or an expression of parameters. */
  initial: number | string;
  description?: string;
}

export interface ParameterInfo {
  name: string;
  index: number;
  /** Default value in `unit`. */
  value: number;
  unit: string;
  range: readonly [number, number];
  /** A reference id or "assumed: why". */
  source: string;
  /** The citation (with DOI/PMID) when `source` is a reference id. */
  citation?: string;
  evidence: EvidenceGrade;
  description?: string;
  scale: number;
  /** Default value in SI. */
  internalValue: number;
  /** File that declares it. */
  file: string;
}

export interface InputInfo { name: string; index: number; unit: string; scale: number; description?: string }
export interface OutputInfo { name: string; index: number; unit: string; scale: number; description?: string }

/** An assignment or output as compiled: for documentation and exporters. */
export interface DefinitionInfo {
  name: string;
  /** The expression as written. */
  text: string;
  expr: Expr;
  unit?: string;
  dim: Dim;
  output: boolean;
  description?: string;
}

/** The equations in SI, for exporters (SBML, Python) and documentation. */
export interface ModelEquations {
  /** Rate of each state, in state order. */
  rates: readonly Expr[];
  /** Rate text as written, in state order. */
  rateText: readonly string[];
  /** Initial value of each state (SI) from parameters. */
  initials: readonly Expr[];
  /** Assignments and outputs in dependency order. */
  definitions: readonly DefinitionInfo[];
  /** Dimension of every symbol. */
  dims: ReadonlyMap<string, Dim>;
}

/** rhs(t s, y SI, dydt SI/s, p SI, u SI): writes dy/dt. */
export type ModelRhs = (t: number, y: Float64Array, dydt: Float64Array, p: Float64Array, u: Float64Array) => void;
/** jacobian(t s, y, J, p, u): writes ∂(dy/dt)/∂y row-major into J (n×n, SI). */
export type ModelJacobian = (t: number, y: Float64Array, J: Float64Array, p: Float64Array, u: Float64Array) => void;
/** outputs(t s, y SI, p SI, u SI, out): writes every output in its declared unit. */
export type ModelOutputs = (t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array) => void;

/** rhs reading parameter-only values from c (filled by `derived.compute(p, c)`); else as ModelRhs. */
export type ModelRhsDerived = (t: number, y: Float64Array, dydt: Float64Array, p: Float64Array, u: Float64Array, c: Float64Array) => void;
/**
 * jacobian reading parameter-only values from c; as ModelJacobian but it writes only the
 * structural nonzeros (`jacobianSparsity`, every one on every call): the other entries of J keep
 * their values, zeros in a fresh array.
 */
export type ModelJacobianDerived = (t: number, y: Float64Array, J: Float64Array, p: Float64Array, u: Float64Array, c: Float64Array) => void;
/** outputs reading parameter-only values from c; else as ModelOutputs. */
export type ModelOutputsDerived = (t: number, y: Float64Array, p: Float64Array, u: Float64Array, out: Float64Array, c: Float64Array) => void;

/**
 * The generated functions with parameter-invariant code motion: every subexpression that reads
 * only parameters is computed once per parameter vector by `compute(p, c)` into `c` (length
 * `size`), and rhs/jacobian/outputs read it there. Bit-identical to the plain functions for the
 * same p and c = compute(p); c must be recomputed whenever p changes.
 */
export interface DerivedModelFunctions {
  /** Length of the derived-constant vector c. */
  size: number;
  /** Fills c (length `size`) from the parameter vector p (SI). */
  compute(p: Float64Array, c: Float64Array): void;
  rhs: ModelRhsDerived;
  jacobian: ModelJacobianDerived;
  outputs: ModelOutputsDerived;
}

/** A model's functions bound to one parameter vector (a copy taken when bound) and its derived constants. */
export interface ParameterBoundFunctions {
  /** The bound parameter vector (SI): a copy, so later changes to the caller's vector do not leak in. */
  readonly p: Float64Array;
  /** Writes dy/dt (SI/s) at time t (s), state y (SI), inputs u (SI). */
  rhs(t: number, y: Float64Array, dydt: Float64Array, u: Float64Array): void;
  /** Writes ∂(dy/dt)/∂y row-major into J (n×n, SI): the structural nonzeros only (zeros elsewhere in a fresh J). */
  jacobian(t: number, y: Float64Array, J: Float64Array, u: Float64Array): void;
  /** Writes every output in its declared unit. */
  outputs(t: number, y: Float64Array, u: Float64Array, out: Float64Array): void;
}

export interface CompiledModel {
  name: string;
  description?: string;
  /** Absolute path of the root model file. */
  file: string;
  /** sha256 of every source file (relative path + content), for run manifests. */
  contentHash: string;
  states: readonly StateInfo[];
  parameters: readonly ParameterInfo[];
  inputs: readonly InputInfo[];
  /** Observables computed by `outputs`. */
  observables: readonly OutputInfo[];
  /** Index of a state, parameter, input or output by name. */
  index: {
    states: Readonly<Record<string, number>>;
    parameters: Readonly<Record<string, number>>;
    inputs: Readonly<Record<string, number>>;
    outputs: Readonly<Record<string, number>>;
  };
  /** Default parameter vector (SI) with `overrides` (declared units) applied. */
  parameterVector(overrides?: Readonly<Record<string, number>>): Float64Array;
  /** Initial state (SI) for parameter vector `p`, with `overrides` (declared units) applied. */
  initialState(p: Float64Array, overrides?: Readonly<Record<string, number>>): Float64Array;
  /** Converts an SI state vector to declared units. */
  toDeclaredStates(y: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** Converts inputs in declared units to SI, in place into `out`. */
  inputsToInternal(declared: ArrayLike<number>, out: Float64Array): Float64Array;
  rhs: ModelRhs;
  jacobian: ModelJacobian;
  jacobianSparsity: Sparsity;
  /** True when a rate or definition uses the time symbol `t` itself (then ∂f/∂t ≠ 0 between input breakpoints). */
  ratesUseTime: boolean;
  outputs: ModelOutputs;
  /** The same functions reading parameter-only values from a vector computed once per p (the solver's hot path). */
  derived: DerivedModelFunctions;
  /** rhs, Jacobian and outputs for the parameter vector p (copied), its derived constants computed once here. */
  bindParameters(p: Float64Array): ParameterBoundFunctions;
  /** Generated JavaScript, for inspection (the `*Derived` sources and `derived` are absent in a browser model built from the four plain ones). */
  generated: {
    rhs: string; jacobian: string; outputs: string; initial: string;
    derived?: string; rhsDerived?: string; jacobianDerived?: string; outputsDerived?: string;
  };
  equations: ModelEquations;
  /** Warnings found while compiling (errors throw). */
  warnings: readonly import("./errors.ts").ModelError[];
}
