// Heart rate has kinetics of its own: it is not an algebraic function of the effort of the moment.
// At the onset of exercise the first, fast rise of heart rate is vagal withdrawal and takes ~10 s
// (Fagraeus & Linnarsson 1976, doi 10.1152/jappl.1976.40.5.679: abolished by atropine), so heart
// rate rises over seconds, not in a step. After exercise the fast phase of the fall is vagal
// reactivation with a time constant of tens of seconds (Imai 1994, doi
// 10.1016/0735-1097(94)90305-0: T30, the time constant of the first 30 s of the decay, is vagal and
// almost independent of intensity; Pecanha 2017, doi 10.1016/j.ijcard.2016.10.057: fast phase over
// the first ~30-60 s; after a resistance set the decay is roughly exponential, Bartels-Ferreira 2015,
// doi 10.1111/cpf.12132): heart rate is still near its exercise value 2 s after the stop and gets
// half-way to rest within about 10-60 s. The sessions are Jessee 2019's (doi
// 10.1556/2060.106.2019.15): sets of up to 90 repetitions, young adult; 15 %1RM at 80 %AOP ends
// sets early, 70 %1RM without a cuff starts each set at a high relative effort.
import { describe, expect, it } from "vitest";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { remakeProtocol } from "../../src/simulate/remake.ts";
import { simulate, type SimulationResult } from "../../src/simulate/simulate.ts";
import { DAY, at, extreme, firstSession, model, series } from "./helpers.ts";

const ENDED = "fatigue.setEnded";
const HR = "safety.heartRate";

/** Output step during the session, s: fine enough that the seconds after a stop or an onset are samples, not interpolation across the default 5-s grid. */
const SESSION_STEP = 0.5;

/** One Jessee-style session (one exercise, 4 sets of up to 90 repetitions, young adult), sampled every SESSION_STEP s. */
const jessee = (loadPct1Rm: number, pctAop: number): SimulationResult => {
  const protocol = remakeProtocol(loadProtocol("review-older-adult").protocol, {
    "intensity.loadPct1Rm": loadPct1Rm, progression: {}, "cuff.pressure.pctAop": pctAop, exercisesPerSession: 1, sets: "4x90",
    sessionsPerWeek: 1, weeks: 1,
  }).protocol;
  return simulate(model, loadSubject("young-adult"), protocol, { tEndS: 2 * DAY, sampling: { sessionStepS: SESSION_STEP } });
};

/** Resting heart rate before the session: the lowest value in the hour before it, bpm. */
const restingHr = (r: SimulationResult) => extreme(r, HR, firstSession(r).start - 3600, firstSession(r).start - 1, "min").value;

/** Stops of the first session with at least 65 s of the prescribed set left: stop time (first sample with the set ended) and heart rate at the last sample before it. */
function earlyStops(r: SimulationResult): { stop: number; hrBefore: number }[] {
  const ended = series(r, ENDED), hr = series(r, HR);
  const out: { stop: number; hrBefore: number }[] = [];
  for (const set of r.schedule.sessions[0]!.sets) {
    let k = 0;
    while (k < r.time.length && r.time[k]! <= set.start) k++;
    const first = k;
    while (k < r.time.length && r.time[k]! < set.end && ended[k]! < 0.5) k++;
    if (k > first && k < r.time.length && r.time[k]! < set.end - 65) out.push({ stop: r.time[k]!, hrBefore: hr[k - 1]! });
  }
  return out;
}

describe("heart rate falls after an early stop with the fast (vagal) time constant of recovery (15 %1RM, 80 %AOP)", () => {
  const r = jessee(15, 80);
  const rest = restingHr(r);
  const stops = earlyStops(r);

  it("at least one set ends early with a minute or more of the prescribed set left", () => {
    expect(stops.length).toBeGreaterThan(0);
  });

  it("2 s after the stop heart rate keeps at least three quarters of its exercise rise (no step)", () => {
    for (const { stop, hrBefore } of stops) {
      const rise = hrBefore - rest;
      expect(rise).toBeGreaterThan(10);
      expect(at(r, HR, stop + 2) - rest).toBeGreaterThan(0.75 * rise);
    }
  });

  it("heart rate gets half-way to rest between 10 and 60 s after the stop", () => {
    for (const { stop, hrBefore } of stops) {
      const half = rest + 0.5 * (hrBefore - rest);
      let t = stop;
      while (t < stop + 120 && at(r, HR, t) > half) t += SESSION_STEP;
      expect(t - stop).toBeGreaterThan(10);
      expect(t - stop).toBeLessThan(60);
    }
  });
});

describe("heart rate rises over seconds at the onset of a set (70 %1RM, no cuff)", () => {
  const r = jessee(70, 0);
  const rest = restingHr(r);
  const onset = r.schedule.sessions[0]!.sets[0]!.start;

  it("1 s into the first set heart rate has less than half of the rise it has 20 s in, and by 20 s it is more than 10 bpm above rest", () => {
    const rise1 = at(r, HR, onset + 1) - rest, rise20 = at(r, HR, onset + 20) - rest;
    expect(rise20).toBeGreaterThan(10);
    expect(rise1).toBeLessThan(0.5 * rise20);
  });

  it("the onset is resolved by the output grid (the 1-s reading is a sample, not an interpolation)", () => {
    expect(r.time.some((t) => Math.abs(t - (onset + 1)) < 1e-6)).toBe(true);
  });
});
