/**
 * Shared set-up for the physiology behaviour tests: the bundled model, presets, and cached
 * simulations, so each programme is solved once however many behaviours read it.
 */
import { loadModel } from "../../src/simulate/default-model.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { remakeProtocol, remakeSubject } from "../../src/simulate/remake.ts";
import { simulate, seriesOf, type SimulationResult } from "../../src/simulate/simulate.ts";
import { valueAt } from "../../src/simulate/summary.ts";

export const model = loadModel();

/** The model series each behaviour reads (one place to rename). */
export const S = {
  csaChange: "adaptation.csaChangePct",
  strengthChange: "adaptation.strengthChangePct",
  mps: "adaptation.mps",
  muscleLactate: "energetics.muscleLactate",
  pi: "energetics.pi",
  pH: "energetics.pH",
  sto2: "energetics.muscleOxygenSaturation",
  type2: "fatigue.type2Recruitment",
  gh: "exerkines.gh",
  il6: "exerkines.il6",
  il10: "exerkines.il10",
  il1ra: "exerkines.il1ra",
  tnfa: "exerkines.tnfa",
  crp: "exerkines.crp",
  discomfort: "safety.discomfort",
  endothelialStress: "safety.endothelialStress",
} as const;

export const DAY = 86400;
export const WEEK = 7 * DAY;

type Overrides = Record<string, unknown>;
const cache = new Map<string, SimulationResult>();

/** A programme from a preset with protocol and subject overrides, simulated once per key. */
export function run(
  preset: string,
  protocolOverrides: Overrides = {},
  subject: string | { preset: string; overrides: Overrides } = "older-woman",
  tEndS?: number,
): SimulationResult {
  const key = JSON.stringify([preset, protocolOverrides, subject, tEndS]);
  let result = cache.get(key);
  if (!result) {
    const protocol = remakeProtocol(loadProtocol(preset).protocol, protocolOverrides).protocol;
    const s = typeof subject === "string" ? loadSubject(subject) : remakeSubject(loadSubject(subject.preset), subject.overrides);
    result = simulate(model, s, protocol, tEndS === undefined ? {} : { tEndS });
    cache.set(key, result);
  }
  return result;
}

/** One session (a 1-session programme), simulated to 3 days after the programme start. */
export function oneSession(preset: string, protocolOverrides: Overrides = {}, subject: Parameters<typeof run>[2] = "older-woman") {
  return run(preset, { sessionsPerWeek: 1, weeks: 1, ...protocolOverrides }, subject, 3 * DAY);
}

export function series(r: SimulationResult, name: string): Float64Array {
  const s = seriesOf(r, name);
  if (!s) throw new Error(`model has no series ${name}`);
  return s.values;
}

/** Value of a series at time t (s). */
export function at(r: SimulationResult, name: string, t: number): number {
  return valueAt(r.time, series(r, name), t);
}

/** The final value of a series. */
export function final(r: SimulationResult, name: string): number {
  const v = series(r, name);
  return v[v.length - 1]!;
}

/** Peak (or nadir) of a series over [from, to] s, with its time. */
export function extreme(r: SimulationResult, name: string, from: number, to: number, kind: "max" | "min" = "max") {
  const v = series(r, name);
  let best = kind === "max" ? -Infinity : Infinity;
  let tBest = NaN;
  r.time.forEach((t, k) => {
    if (t < from || t > to) return;
    if (kind === "max" ? v[k]! > best : v[k]! < best) { best = v[k]!; tBest = t; }
  });
  return { value: best, t: tBest };
}

/** The first session's start and end, s. */
export function firstSession(r: SimulationResult) {
  const s = r.schedule.sessions[0]!;
  return { start: s.start, end: s.end };
}
