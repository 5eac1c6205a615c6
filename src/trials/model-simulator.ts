/**
 * The bfrsim model as the simulator behind `compare`, `fit` and `validate`: each arm's cohort is
 * simulated with `simulate()` (one solve per cohort member, long enough to reach the arm's latest
 * outcome time), every outcome target is read from the output series with `readOutcome`, and the
 * members are averaged by their share of the arm.
 */
import { BfrsimError } from "../errors.ts";
import type { CompiledModel } from "../model/types.ts";
import { SECONDS_PER_WEEK } from "../simulate/session-times.ts";
import { seriesOf, simulate, type SimulateOptions, type SimulationResult } from "../simulate/simulate.ts";
import { compare, type Comparison, type CompareOptions } from "./compare.ts";
import type { SimulateArmOutcomes } from "./fit-trials.ts";
import type { ParameterValues } from "./fit/types.ts";
import type { MappedArm, MappedOutcome, MappedTrials } from "./mapping.ts";
import { readOutcome } from "./read-outcome.ts";

/** The simulate() signature; replaceable so the cohort and reading logic can be tested on known series. */
export type RunSimulation = typeof simulate;

/** Simulates one arm's outcomes with `model` (cohort-weighted); parameter overrides in declared units. */
export function modelArmSimulator(model: CompiledModel, options: SimulateOptions = {}, run: RunSimulation = simulate): SimulateArmOutcomes {
  return (arm, outcomes, params) => simulateArmOutcomes(model, arm, outcomes, params, options, run);
}

function simulateArmOutcomes(
  model: CompiledModel,
  arm: MappedArm,
  outcomes: readonly MappedOutcome[],
  params: ParameterValues,
  options: SimulateOptions,
  run: RunSimulation,
): (number | null)[] {
  const totals = outcomes.map(() => 0 as number | null);
  for (const member of arm.cohort) {
    const result = run(model, member.subject, arm.protocol, {
      ...options,
      parameters: { ...options.parameters, ...params },
      tEndS: endTime(arm, outcomes),
    });
    outcomes.forEach((mo, i) => {
      const v = readTarget(result, mo);
      const total = totals[i];
      totals[i] = v === null || total === null ? null : total + member.share * v;
    });
  }
  return totals;
}

/** The later of the programme's end and the latest outcome time (with a 2-h margin for session windows). */
function endTime(arm: MappedArm, outcomes: readonly MappedOutcome[]): number {
  const p = arm.protocol;
  let end = Math.max(p.weeks + p.detrainingWeeks, 1 / 7) * SECONDS_PER_WEEK;
  for (const mo of outcomes) {
    const t = mo.target;
    if (!t) continue;
    const after = t.timeS ?? t.windowS?.[1] ?? 0;
    // Session-anchored times count from the end of the first session (within the first day).
    end = Math.max(end, after + (t.anchor === "session_end" ? 86400 : 0) + 7200);
  }
  return end;
}

function readTarget(result: SimulationResult, mo: MappedOutcome): number | null {
  const target = mo.target;
  if (!target) return null;
  const series = seriesOf(result, target.output);
  if (!series) return null;
  const sessionEndS = result.schedule.sessions[0]?.end;
  if (target.anchor === "session_end" && sessionEndS === undefined) return null;
  return readOutcome(target, { timeS: result.time, values: series.values }, { sessionEndS });
}

/** Options of `compareWithModel`. */
export interface CompareWithModelOptions {
  simulate?: SimulateOptions;
  compare?: CompareOptions;
  parameters?: ParameterValues;
  /** Called before each arm is simulated (i from 0) and once more with i = n at the end. */
  onArm?: (key: string, i: number, n: number) => void;
  run?: RunSimulation;
  /** Stops before the next arm; arms not simulated keep their rows with an "aborted" error. */
  signal?: AbortSignal;
}

/** Compares the model with the trial rows: one simulation set per arm; a failed or skipped arm keeps its rows with the error. */
export function compareWithModel(trials: MappedTrials, model: CompiledModel, options: CompareWithModelOptions = {}): Comparison {
  const steps = compareSteps(trials, model, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * As `compareWithModel`, yielding to the event loop between arms, so a signal aborted from a
 * SIGINT handler (or a timer) stops the run at the next arm with everything simulated so far.
 */
export async function compareWithModelAsync(trials: MappedTrials, model: CompiledModel, options: CompareWithModelOptions = {}): Promise<Comparison> {
  const steps = compareSteps(trials, model, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The comparison as steps: one yield after each arm, the comparison returned at the end. */
function* compareSteps(trials: MappedTrials, model: CompiledModel, options: CompareWithModelOptions): Generator<void, Comparison> {
  const simulateArm = modelArmSimulator(model, options.simulate, options.run);
  const byArm = new Map<string, MappedOutcome[]>();
  for (const mo of trials.outcomes) if (mo.target) byArm.set(mo.armKey, [...(byArm.get(mo.armKey) ?? []), mo]);
  const values = new Map<MappedOutcome, number | null>();
  const errors = new Map<string, string>();
  let i = 0;
  for (const arm of trials.arms) {
    const outcomes = byArm.get(arm.key);
    if (!outcomes) continue;
    if (options.signal?.aborted) {
      errors.set(arm.key, "aborted before this arm was simulated");
      continue;
    }
    options.onArm?.(arm.key, i++, byArm.size);
    try {
      const v = simulateArm(arm, outcomes, options.parameters ?? {});
      outcomes.forEach((mo, k) => values.set(mo, v[k]));
    } catch (err) {
      if (!(err instanceof BfrsimError)) throw err;
      errors.set(arm.key, err.message);
    }
    yield;
  }
  options.onArm?.("", i, byArm.size);
  // A target the model does not have is an error on its row, not a silent gap.
  const names = new Set([...(model.observables ?? []), ...(model.states ?? [])].map((s) => s.name));
  return compare(
    trials,
    (arm, mo) => {
      const error = errors.get(arm.key);
      if (error) throw new Error(error);
      const output = mo.target?.output;
      if (names.size > 0 && output && !names.has(output)) throw new Error(`model ${model.name} has no output or state ${output}`);
      return values.get(mo) ?? null;
    },
    options.compare,
  );
}
