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
import { assembleSeries, selectSeries, type SelectedSeries, type Series, type SeriesSelection } from "./series-assembly.ts";
import { checkParameterSigns, parameterRangeWarnings } from "./overrides.ts";
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
  /**
   * Which series the result holds (default "all"): "summary" keeps only those the outcome summary
   * reads (SUMMARY_SERIES, ~30 of ~150: what a sweep needs, the same values as with "all"), or a
   * list of state/output names. Fewer series cost less to assemble and to summarise.
   */
  series?: SeriesSelection;
}

export const DEFAULT_SIMULATE_OPTIONS = Object.freeze({
  method: "rodas5p" as MethodName,
  rtol: 1e-5,
  atol: 1e-7,
  maxSteps: 2_000_000,
});

export type { Series, SeriesSelection } from "./series-assembly.ts";

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
  /** The states and outputs `options.series` selects (default: all), in model order. */
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
  const selected = selectSeries(model, options.series); // a bad name fails before the solve
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
    // the schedule is constant on [breakpoint, next breakpoint), and every breakpoint is a tstop
    inputsPiecewiseConstant: true,
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
  const result = assemble(model, subject, protocol, schedule, applied, sol, selected, [
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
  checkParameterSigns(model, overrides);
  Object.assign(applied, overrides);
  warnings.push(...parameterRangeWarnings(model, overrides));
  return { p: model.parameterVector(applied), applied, warnings };
}

function formatWarning(w: ProtocolWarning | string): string {
  return typeof w === "string" ? w : w.message;
}

function assemble(
  model: CompiledModel,
  subject: Subject,
  protocol: Protocol,
  schedule: InputSchedule,
  parameters: Record<string, number>,
  sol: OdeSolution,
  selected: SelectedSeries,
  warnings: string[],
): SimulationResult {
  const flat = sol.yFlat ?? rowMajor(sol.y, model.states.length);
  const { states, outputs } = assembleSeries(model, schedule, model.parameterVector(parameters), sol.t, flat, selected);
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

/** States given one vector per point, as one row-major block (n values per point). */
function rowMajor(y: readonly Float64Array[], n: number): Float64Array {
  const flat = new Float64Array(y.length * n);
  y.forEach((v, k) => flat.set(v, k * n));
  return flat;
}

/** The series named `name` among outputs then states, or undefined. */
export function seriesOf(result: SimulationResult, name: string): Series | undefined {
  return result.outputs.find((s) => s.name === name) ?? result.states.find((s) => s.name === name);
}
