/**
 * The sweep evaluator that runs the BFR model: each point is a set of `bfrsim simulate --set`
 * overrides (`protocol.<path>`, `subject.<path>`, or a model parameter in its declared unit) on a
 * base protocol and subject; the row gets the key outcomes `bfrsim simulate` prints:
 *   programme.<series>.<final|changePct>     end-of-programme outcomes (e.g. CSA change, %)
 *   session1.<series>.<statistic>            the first session's response (peak, nadir, AUC …)
 *   sessionMean.<series>.<statistic>         the mean over all sessions
 * plus, for the exerkines, the incremental area above the session-start value over the session
 * window (`iaucHours`, unit·h: e.g. `session1.exerkines.il6.iaucHours`, the "IL-6 AUC" trials report).
 * Config: { protocol?: preset or file, subject?: preset or file, model?: model file }.
 * A point variable named `protocol` (or `subject`) picks the base protocol (subject) for that point
 * by preset name or file — so arms can be whole protocols: `--set protocol=low-load,high-load`.
 */
import { loadModel, DEFAULT_MODEL_FILE } from "../simulate/default-model.ts";
import { PROGRAMME_OUTCOMES, SESSION_OUTCOMES, SUMMARY_SERIES, programmeOutcomeValue, sessionOutcomeValue } from "../simulate/outcomes.ts";
import { applyOverrides, checkParameterSigns } from "../simulate/overrides.ts";
import { loadProtocol } from "../simulate/protocol-load.ts";
import { simulate, type SimulationResult } from "../simulate/simulate.ts";
import { loadSubject } from "../simulate/subject-load.ts";
import { summarizeProgramme, summarizeSessions, type SessionSummary } from "../simulate/summary.ts";
import { InputError } from "../errors.ts";
import type { CompiledModel } from "../model/types.ts";
import type { PointEvaluator } from "./evaluator.ts";
import type { Point } from "./spec.ts";
import { didYouMean } from "../suggest.ts";

/** Config of the simulate evaluator (all optional: the `bfrsim simulate` defaults apply). */
export interface SimulateEvaluatorConfig {
  protocol?: string;
  subject?: string;
  model?: string;
}

/** Series whose incremental session AUC (above the session-start value, unit·h) is recorded too. */
export const INCREMENTAL_AUC_SERIES = ["exerkines.il6", "exerkines.gh", "exerkines.il10"] as const;

/** Incremental area of a series above its session-start value over the session window, unit·h (null if absent). */
function incrementalAucHours(session: SessionSummary, series: string): number | null {
  const r = session.responses[series];
  return r ? (r.auc - r.baseline * r.windowS) / 3600 : null;
}

function addSessionOutcome(out: Record<string, number>, name: string, values: Array<number | null>): void {
  const finite = values.filter((v): v is number => v !== null);
  if (finite.length === 0) return;
  out[`session1.${name}`] = finite[0];
  out[`sessionMean.${name}`] = finite.reduce((a, b) => a + b, 0) / finite.length;
}

/** The row of outcomes a sweep records for one simulation (names as in the file header above). */
export function simulationOutcomes(result: SimulationResult): Record<string, number> {
  const out: Record<string, number> = {};
  const programme = summarizeProgramme(result);
  for (const o of PROGRAMME_OUTCOMES) {
    const v = programmeOutcomeValue(programme, o);
    if (v !== null) out[`programme.${o.series}.${o.statistic}`] = v;
  }
  const sessions = summarizeSessions(result);
  for (const o of SESSION_OUTCOMES) {
    addSessionOutcome(out, `${o.series}.${o.statistic}`, sessions.map((s) => sessionOutcomeValue(s, o)));
  }
  for (const series of INCREMENTAL_AUC_SERIES) {
    addSessionOutcome(out, `${series}.iaucHours`, sessions.map((s) => incrementalAucHours(s, series)));
  }
  return out;
}

/**
 * Every outcome name `simulationOutcomes` can return for `model` (a superset: a value that is
 * undefined at run time, e.g. a change from a zero baseline, leaves its column out).
 */
export function possibleOutcomeNames(model: CompiledModel): string[] {
  const series = new Set([...model.observables.map((o) => o.name), ...model.states.map((s) => s.name)]);
  const names: string[] = [];
  for (const o of PROGRAMME_OUTCOMES) if (series.has(o.series)) names.push(`programme.${o.series}.${o.statistic}`);
  const sessionNames = [
    ...SESSION_OUTCOMES.filter((o) => series.has(o.series)).map((o) => `${o.series}.${o.statistic}`),
    ...INCREMENTAL_AUC_SERIES.filter((s) => series.has(s)).map((s) => `${s}.iaucHours`),
  ];
  for (const prefix of ["session1", "sessionMean"]) for (const n of sessionNames) names.push(`${prefix}.${n}`);
  return names;
}

/**
 * The series `simulationOutcomes` reads that `model` has: simulating with `series` set to these
 * gives the same outcomes as a full simulation, without assembling or summarising the rest.
 */
export function outcomeSeries(model: CompiledModel): string[] {
  const known = new Set([...model.observables.map((o) => o.name), ...model.states.map((s) => s.name)]);
  return [...new Set([...SUMMARY_SERIES, ...INCREMENTAL_AUC_SERIES])].filter((name) => known.has(name));
}

/** Base protocols by preset name or file, loaded once per evaluator. */
export function protocolCache(defaultName: string | undefined): (point: Point) => ReturnType<typeof loadProtocol> {
  const cache = new Map<string, ReturnType<typeof loadProtocol>>();
  return (point) => {
    const name = point.protocol === undefined ? (defaultName ?? "") : String(point.protocol);
    let p = cache.get(name);
    if (!p) cache.set(name, (p = loadProtocol(name === "" ? undefined : name)));
    return p;
  };
}

/** The point's overrides without the `protocol` / `subject` selectors. */
export function overridesOf(point: Point, selectors: readonly string[] = ["protocol", "subject"]): Array<[string, Point[string]]> {
  return Object.entries(point).filter(([k]) => !selectors.includes(k));
}

/**
 * Checks a point without simulating: protocol and subject overrides are applied and re-validated,
 * model parameter names are looked up (unknown ones get the closest suggested). Throws InputError.
 */
export function checkPoint(point: Point, config: SimulateEvaluatorConfig | null): void {
  const cfg = config ?? {};
  const base = protocolCache(cfg.protocol)(point);
  const subject = loadSubject(point.subject === undefined ? cfg.subject : String(point.subject));
  const run = applyOverrides({ protocol: base.protocol, subject, warnings: base.warnings }, overridesOf(point));
  const model = loadModel(cfg.model ?? DEFAULT_MODEL_FILE);
  checkParameterNames(model, run.parameters);
  checkParameterSigns(model, run.parameters);
}

/** Throws InputError naming the first override that is not a parameter of the model. */
export function checkParameterNames(model: CompiledModel, parameters: Readonly<Record<string, number>>): void {
  const known = Object.keys(model.index.parameters);
  for (const name of Object.keys(parameters)) {
    if (!(name in model.index.parameters)) {
      throw new InputError(`variables.${name}`, name, `protocol.<field>, subject.<field> or a parameter of model ${model.name}${didYouMean(name, known)}`);
    }
  }
}

/** Creates an evaluator that simulates the base protocol and subject with each point's overrides. */
export function createEvaluator(config: SimulateEvaluatorConfig | null): PointEvaluator {
  const cfg = config ?? {};
  const baseFor = protocolCache(cfg.protocol);
  const subjects = new Map<string, ReturnType<typeof loadSubject>>();
  const subjectFor = (point: Point) => {
    const name = point.subject === undefined ? (cfg.subject ?? "") : String(point.subject);
    let s = subjects.get(name);
    if (!s) subjects.set(name, (s = loadSubject(name === "" ? undefined : name)));
    return s;
  };
  const model = loadModel(cfg.model ?? DEFAULT_MODEL_FILE);
  const series = outcomeSeries(model);
  return {
    evaluate(point) {
      const base = baseFor(point);
      const run = applyOverrides({ protocol: base.protocol, subject: subjectFor(point), warnings: base.warnings }, overridesOf(point));
      return simulationOutcomes(simulate(model, run.subject, run.protocol, { parameters: run.parameters, series }));
    },
  };
}
