// After the subject ends a set early (task failure or the exertion tolerance), they are no longer
// exercising for the rest of the prescribed set: central command is withdrawn, so heart rate falls
// towards rest, and systolic pressure keeps only the metaboreflex part of its rise while the cuff
// traps metabolites (Fisher 2010, doi 10.1113/jphysiol.2009.185470: during post-exercise ischaemia
// blood pressure stays partly raised while heart rate declines towards rest, +3 ± 2 bpm at moderate
// intensity; heart rate after a resistance set decays roughly exponentially, Bartels-Ferreira 2015,
// doi 10.1111/cpf.12132, its first phase through prompt parasympathetic reactivation; the model's
// central command reaches the heart through first-order kinetics, off time constant 20 s, so the
// test reads 30 s after the stop, where most of the fall is expected; the time course itself is
// tested in heart-rate-kinetics.test.ts). Glycolysis is gated by contraction:
// with the muscle still ischaemic, glycolytic ATP synthesis stops when contraction stops (Quistorff
// 1993, doi 10.1042/bj2910681: no PCr resynthesis during ischaemic recovery). The session is
// Jessee 2019's (doi 10.1556/2060.106.2019.15): 4 sets of up to 90 repetitions at 15 %1RM with the
// cuff at 80 %AOP, 30-s rests, young adult; the later sets end early.
import { describe, expect, it } from "vitest";
import type { SimulationResult } from "../../src/simulate/simulate.ts";
import { at, extreme, firstSession, oneSession, series } from "./helpers.ts";

const ENDED = "fatigue.setEnded";
const HR = "safety.heartRate";
const SBP = "safety.systolicPressure";
const GLYCOLYSIS = "energetics.glycolyticRate";

/** Time after the stop at which the recovery is read, s (well inside the remaining set time). */
const AFTER = 30;

const jessee = (pctAop: number) => oneSession("review-older-adult", {
  "intensity.loadPct1Rm": 15, progression: {}, "cuff.pressure.pctAop": pctAop, exercisesPerSession: 1, sets: "4x90",
}, "young-adult");

interface EarlyStop { setEnd: number; before: number; stop: number }

/** Sample indices of the first session's sets (samples strictly inside each prescribed set). */
function setSamples(r: SimulationResult): { start: number; end: number; first: number; last: number }[] {
  return r.schedule.sessions[0]!.sets.map((set) => {
    let first = 0;
    while (first < r.time.length && r.time[first]! <= set.start) first++;
    let last = first;
    while (last + 1 < r.time.length && r.time[last + 1]! < set.end) last++;
    return { start: set.start, end: set.end, first, last };
  });
}

/** Sets of the first session that the subject ended with at least AFTER + 5 s of the prescribed set left: the last sample still lifting (index) and the stop time. */
function earlyStops(r: SimulationResult): EarlyStop[] {
  const ended = series(r, ENDED);
  const out: EarlyStop[] = [];
  for (const { end, first, last } of setSamples(r)) {
    let k = first;
    while (k <= last && ended[k]! < 0.5) k++;
    if (k <= last && k > first && r.time[k]! < end - AFTER - 5) out.push({ setEnd: end, before: k - 1, stop: r.time[k]! });
  }
  return out;
}

/** Resting value before the session: the lowest value of a series in the hour before it. */
const restingValue = (r: SimulationResult, name: string) => extreme(r, name, firstSession(r).start - 3600, firstSession(r).start - 1, "min").value;

describe("after a set is ended early the subject is no longer exercising (15 %1RM, 80 %AOP, sets to failure)", () => {
  const r = jessee(80);
  const stops = earlyStops(r);
  const rest = { hr: restingValue(r, HR), sbp: restingValue(r, SBP) };

  it("at least one set ends early with time left in the prescribed set", () => {
    expect(stops.length).toBeGreaterThan(0);
  });

  it("heart rate falls towards rest within the remaining set time: at least half of its exercise rise is gone 30 s after the stop", () => {
    for (const { before, stop } of stops) {
      const rise = series(r, HR)[before]! - rest.hr;
      expect(rise).toBeGreaterThan(10); // a real exercise rise to recover from
      expect(at(r, HR, stop + AFTER) - rest.hr).toBeLessThan(0.5 * rise);
    }
  });

  it("systolic pressure falls after the stop but stays above rest while the cuff traps metabolites (metaboreflex, post-exercise ischaemia)", () => {
    for (const { before, stop } of stops) {
      const rise = series(r, SBP)[before]! - rest.sbp;
      const after = at(r, SBP, stop + AFTER) - rest.sbp;
      expect(rise).toBeGreaterThan(15);
      expect(after).toBeLessThan(0.75 * rise);
      expect(after).toBeGreaterThan(5);
    }
  });

  it("glycolytic flux falls to near zero after the stop although the muscle stays ischaemic", () => {
    for (const { before, stop } of stops) {
      const lifting = series(r, GLYCOLYSIS)[before]!;
      expect(lifting).toBeGreaterThan(0.5);
      expect(at(r, GLYCOLYSIS, stop + AFTER / 2)).toBeLessThan(0.05 * lifting);
    }
  });

  it("the rest clock still counts the prescribed schedule: no rest under the cuff is timed before the prescribed set ends", () => {
    for (const { stop, setEnd } of stops) {
      // safety.restDuration is the exact rest clock (t − restUnderCuffSince during a rest under the
      // cuff): 0 until the prescribed set ends, however early the subject stopped
      expect(at(r, "safety.restDuration", Math.min(stop + AFTER, setEnd - 1))).toBe(0);
      expect(at(r, "safety.longRestFlag", Math.min(stop + AFTER, setEnd - 1))).toBe(0);
    }
  });
});

describe("a set that is not ended keeps its exercise heart rate to the end (15 %1RM, no cuff)", () => {
  it("heart rate at the end of each set is above rest, no lower than at its middle", () => {
    const r = jessee(0);
    const rest = restingValue(r, HR), hr = series(r, HR);
    expect(earlyStops(r)).toHaveLength(0);
    for (const { first, last } of setSamples(r)) {
      const mid = hr[Math.round((first + last) / 2)]!, end = hr[last]!;
      expect(end).toBeGreaterThan(rest + 4);
      expect(end).toBeGreaterThanOrEqual(mid - 0.5);
    }
  });
});
