/**
 * `simulate(model, subject, protocol, options)`: one subject doing one programme, as ONE ODE
 * solve with the protocol's discontinuities as tstops. Plain data in, plain data out: the time
 * series of every state and output (declared units) on a phase-aware grid, plus the schedule.
 */
import { BfrsimError, InputError } from "../errors.ts";
import type { CompiledModel } from "../model/types.ts";
import { modelProblem, stateTolerances } from "../model/problem.ts";
import { remake, solve } from "../ode/solve.ts";
import type { MethodName, OdeSolution, SolveStats, SolveStatus } from "../ode/types.ts";
import { createInputEvaluator } from "./input-evaluator.ts";
import { parameterRangeWarnings } from "./overrides.ts";
import type { Protocol, ProtocolWarning } from "./protocol.ts";
import { samplingTimes, type SamplingOptions } from "./sampling.ts";
import { softLimitWarnings } from "./protocol-limits.ts";
import { compileSchedule, type InputSchedule } from "./schedule.ts";
import type { Subject } from "./subject.ts";
import { subjectParameters } from "./subject-parameters.ts";

/** Options of `simulate`; defaults in DEFAULT_SIMULATE_OPTIONS. */
export interface SimulateOptions {
  /** Model parameter overrides by name, in each parameter's declared unit. Applied after the subject's. */
  parameters?: Readonly<Record<string, number>>;
  /** Initial-state overrides by state name, declared units. */
  initial?: Readonly<Record<string, number>>;
  /** Integration method (default "rodas5p": the model is stiff across seconds to months). */
  method?: MethodName;
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance in each state's declared unit (default 1e-7). */
  atol?: number;
  /** Maximum solver steps (default 2 000 000). */
  maxSteps?: number;
  /** Output grid density (see SamplingOptions). */
  sampling?: Partial<SamplingOptions>;
  /** Simulate only up to this time, s (default: the end of the programme). */
  tEndS?: number;
  /** Cancel; the result so far is returned with status "aborted". */
  signal?: AbortSignal;
}

export const DEFAULT_SIMULATE_OPTIONS = Object.freeze({
  method: "rodas5p" as MethodName,
  rtol: 1e-5,
  atol: 1e-7,
  maxSteps: 2_000_000,
});

/** A named time series in a declared unit. */
export interface Series {
  name: string;
  unit: string;
  values: Float64Array;
}

/** Everything one simulation produced. */
export interface SimulationResult {
  status: SolveStatus;
  message: string;
  stats: SolveStats;
  model: { name: string; file: string; contentHash: string };
  subject: Subject;
  protocol: Protocol;
  schedule: InputSchedule;
  /** Model parameters set from the subject and the overrides (declared units). */
  parameters: Record<string, number>;
  /** Output times, s from the programme start. */
  time: Float64Array;
  states: Series[];
  outputs: Series[];
  /** Protocol and subject warnings (soft limits), and anything the simulation noticed. */
  warnings: string[];
}

/** A failed simulation; `partial` holds everything computed before the failure. */
export class SimulationError extends BfrsimError {
  readonly partial: SimulationResult;
  constructor(message: string, partial: SimulationResult, cause?: Error) {
    super("E_SIMULATION", message);
    this.partial = partial;
    if (cause) (this as { cause?: unknown }).cause = cause;
  }
}

/** ∂f/∂t = 0 (a model whose rates see time only through piecewise-constant inputs). */
function zeroTimeDerivative(_t: number, _y: Float64Array, ft: Float64Array): void {
  ft.fill(0);
}

/** Runs `protocol` for `subject` through `model`; throws SimulationError (with the partial result) on failure. */
export function simulate(
  model: CompiledModel,
  subject: Subject,
  protocol: Protocol,
  options: SimulateOptions = {},
): SimulationResult {
  const o = { ...DEFAULT_SIMULATE_OPTIONS, ...options };
  const schedule = compileSchedule(protocol, subject, softLimitWarnings(protocol));
  const { p, applied, warnings } = parameterVectorFor(model, subject, protocol, options.parameters);
  const tEnd = options.tEndS ?? schedule.tEnd;
  if (!(tEnd > 0)) throw new InputError("options.tEndS", options.tEndS, "a time > 0 s");
  const evaluator = createInputEvaluator(schedule, model.inputs.map((i) => i.name));
  const problem = remake(modelProblem(model, {
    p,
    y0: model.initialState(p, options.initial),
    inputs: evaluator.inputsAt,
    tspan: [0, tEnd],
    tstops: schedule.tstops.filter((t) => t < tEnd),
  }), {
    jacobianSparsity: model.jacobianSparsity, // sparse LU of the iteration matrix
    // Inputs are constant between tstops: without an explicit t in the rates, ∂f/∂t = 0 there.
    timeDerivative: model.ratesUseTime ? undefined : zeroTimeDerivative,
  });
  const grid = samplingTimes({ ...schedule, tEnd }, options.sampling);
  const sol = solve(problem, {
    method: o.method,
    rtol: o.rtol,
    atol: stateTolerances(model, o.atol),
    maxSteps: o.maxSteps,
    saveat: grid,
    signal: options.signal,
  });
  const result = assemble(model, subject, protocol, schedule, applied, sol, [
    ...schedule.warnings.map(formatWarning),
    ...warnings,
  ]);
  if (sol.status === "failed") {
    throw new SimulationError(`simulation failed: ${sol.message}`, result, sol.error);
  }
  return result;
}

/** The model's parameter vector with the subject's parameters and the user's overrides applied. */
function parameterVectorFor(
  model: CompiledModel,
  subject: Subject,
  protocol: Protocol,
  overrides: Readonly<Record<string, number>> = {},
): { p: Float64Array; applied: Record<string, number>; warnings: string[] } {
  const fromSubject = subjectParameters(subject, protocol.cuff.site, protocol.cuff.widthCm);
  const applied: Record<string, number> = {};
  const warnings: string[] = [];
  const missing: string[] = [];
  for (const [name, value] of Object.entries(fromSubject)) {
    if (name in model.index.parameters) applied[name] = value;
    else missing.push(name);
  }
  if (missing.length) {
    warnings.push(`model ${model.name} has no parameter for subject field(s) ${missing.join(", ")}: not applied`);
  }
  Object.assign(applied, overrides);
  warnings.push(...parameterRangeWarnings(model, overrides));
  return { p: model.parameterVector(applied), applied, warnings };
}

function formatWarning(w: ProtocolWarning | string): string {
  return typeof w === "string" ? w : w.message;
}

/** Output points processed together, so the transpose into series stays in cache. */
const ASSEMBLE_BLOCK = 64;

function assemble(
  model: CompiledModel,
  subject: Subject,
  protocol: Protocol,
  schedule: InputSchedule,
  parameters: Record<string, number>,
  sol: OdeSolution,
  warnings: string[],
): SimulationResult {
  const n = sol.t.length;
  const states = model.states.map((s) => ({ name: s.name, unit: s.unit, values: new Float64Array(n) }));
  const outputs = model.observables.map((o) => ({ name: o.name, unit: o.unit, values: new Float64Array(n) }));
  const nS = states.length;
  const nO = outputs.length;
  const stateScale = Float64Array.from(model.states, (s) => s.scale);
  const stateValues = states.map((s) => s.values);
  const outputValues = outputs.map((o) => o.values);
  const outBlock = new Float64Array(ASSEMBLE_BLOCK * nO);
  const out = new Float64Array(nO);
  const u = new Float64Array(model.inputs.length);
  const uDeclared = new Float64Array(model.inputs.length);
  const evaluator = createInputEvaluator(schedule, model.inputs.map((i) => i.name));
  const p = model.parameterVector(parameters);
  // Point by point into a small row-major block, then column by column into the series: writing
  // ~90 series one point at a time misses the cache on every write (a third of simulate()'s
  // post-processing before this).
  for (let k0 = 0; k0 < n; k0 += ASSEMBLE_BLOCK) {
    const k1 = Math.min(n, k0 + ASSEMBLE_BLOCK);
    for (let k = k0; k < k1; k++) {
      const t = sol.t[k]!;
      evaluator.inputsAt(t, uDeclared);
      model.inputsToInternal(uDeclared, u);
      model.outputs(t, sol.y[k]!, p, u, out);
      outBlock.set(out, (k - k0) * nO);
    }
    for (let i = 0; i < nS; i++) {
      const values = stateValues[i]!;
      const scale = stateScale[i]!;
      for (let k = k0; k < k1; k++) values[k] = sol.y[k]![i]! / scale;
    }
    for (let i = 0; i < nO; i++) {
      const values = outputValues[i]!;
      for (let k = k0; k < k1; k++) values[k] = outBlock[(k - k0) * nO + i]!;
    }
  }
  return {
    status: sol.status,
    message: sol.message,
    stats: sol.stats,
    model: { name: model.name, file: model.file, contentHash: model.contentHash },
    subject,
    protocol,
    schedule,
    parameters,
    time: sol.t,
    states,
    outputs,
    warnings,
  };
}

/** The series named `name` among outputs then states, or undefined. */
export function seriesOf(result: SimulationResult, name: string): Series | undefined {
  return result.outputs.find((s) => s.name === name) ?? result.states.find((s) => s.name === name);
}
