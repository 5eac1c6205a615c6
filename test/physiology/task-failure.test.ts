// Task failure: the muscle cannot produce more force than its capacity, so ATP demand and
// tension follow the force produced (fatigue.producedForce), and a session's MVC loss is large
// but bounded. Literature: Patterson 2019 (doi 10.3389/fphys.2019.00533, BFR sets "to failure or
// 30-15-15-15"); Pierce 2006 (doi 10.1152/japplphysiol.00585.2006, MVC −55.8 % after ischaemic
// knee extension at 20 %MVC); Jessee 2019 (doi 10.1556/2060.106.2019.15, 4 sets of knee extension
// to failure at 15 %1RM: MVC −127 and −134 N·m with 40 and 80 %AOP vs −98 N·m without the cuff;
// fewer repetitions to failure at the higher pressure; its MVC changes are an independent check
// here, the fatigue sensitivities being calibrated to the %1RM-repetitions relation instead);
// Loenneke 2013 (doi 10.1007/s00421-012-2502-x, MVC largely back by 1 h, at baseline by 24 h).
// The subject ends a set at task failure or when RPE reaches the level reported at the end of sets
// to failure (Bell 2018, doi 10.1007/s00421-018-3877-0; not fitted to Jessee), so Jessee 2019's
// MVC changes, read immediately after the last repetition (Post-0), stay held-out checks.
import { describe, expect, it } from "vitest";
import { loadTrials } from "../../src/trials/load.ts";
import { mapTrials } from "../../src/trials/mapping.ts";
import { simulate, type SimulationResult } from "../../src/simulate/simulate.ts";
import { mvcLossAfterLastRepetition, setIntervals } from "../../src/simulate/set-intervals.ts";
import { DAY, at, firstSession, model, oneSession, series } from "./helpers.ts";

const PRODUCED = "fatigue.producedForce";
const PRESCRIBED = "fatigue.prescribedForce";
const CAPACITY = "fatigue.forceCapacity";
const SHORTFALL = "fatigue.forceShortfall";
const REPS = "fatigue.repetitionsDone";

/** One session of the review protocol at a load (%1RM) and cuff pressure (%AOP), one exercise or the preset's two. */
function session(loadPct1Rm: number, pctAop: number, exercisesPerSession?: number) {
  return oneSession("review-older-adult", {
    "intensity.loadPct1Rm": loadPct1Rm, progression: {}, "cuff.pressure.pctAop": pctAop,
    ...(exercisesPerSession === undefined ? {} : { exercisesPerSession }),
  });
}

/** Time (s) within the first session during which the muscle is short of the prescribed force by more than `depth`. */
function timeShort(r: SimulationResult, depth: number): number {
  const { start, end } = firstSession(r);
  const v = series(r, SHORTFALL);
  let total = 0;
  for (let k = 1; k < r.time.length; k++) {
    if (r.time[k]! <= start || r.time[k - 1]! >= end) continue;
    if (v[k]! > depth && v[k - 1]! > depth) total += r.time[k]! - r.time[k - 1]!;
  }
  return total;
}

/** MVC loss (fraction) at the end of the first session. */
const mvcLossAtEnd = (r: SimulationResult) => 1 - at(r, CAPACITY, firstSession(r).end);

describe("the force produced never exceeds the force capacity (task failure)", () => {
  const doses: [number, number][] = [[20, 0], [25, 60], [30, 60], [30, 80]];
  for (const [load, aop] of doses) {
    it(`at ${load} %1RM and ${aop} %AOP, produced ≤ capacity and ≤ prescribed throughout the session`, () => {
      const r = session(load, aop);
      const produced = series(r, PRODUCED), capacity = series(r, CAPACITY), prescribed = series(r, PRESCRIBED);
      let worst = -Infinity;
      for (let k = 0; k < r.time.length; k++) {
        worst = Math.max(worst, produced[k]! - capacity[k]!, produced[k]! - prescribed[k]!);
        expect(produced[k]!).toBeGreaterThanOrEqual(0);
      }
      expect(worst).toBeLessThanOrEqual(1e-9);
    });
  }

  it("far from failure (20 %1RM, no cuff) the muscle produces the prescribed force", () => {
    const r = session(20, 0);
    const { start, end } = firstSession(r);
    const produced = series(r, PRODUCED), prescribed = series(r, PRESCRIBED);
    let contracting = 0;
    for (let k = 0; k < r.time.length; k++) {
      if (r.time[k]! < start || r.time[k]! > end || prescribed[k]! <= 0) continue;
      contracting++;
      expect(produced[k]! / prescribed[k]!).toBeGreaterThan(0.97);
    }
    expect(contracting).toBeGreaterThan(10);
  });

  it("under the cuff, task failure comes sooner at a higher pressure (Jessee 2019: fewer repetitions at 80 than 40 %AOP)", () => {
    const high = timeShort(session(30, 80), 0.05);
    const low = timeShort(session(30, 40), 0.05);
    expect(high).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(low);
  });
});

describe("MVC loss after one session (Pierce 2006; Jessee 2019)", () => {
  it("is larger after low-load exercise with the cuff than without it", () => {
    expect(mvcLossAtEnd(session(20, 60, 1))).toBeGreaterThan(mvcLossAtEnd(session(20, 0, 1)));
  });

  it("after one knee-extension exercise (4 sets 30-15-15-15, 20 %1RM, 60 %AOP) is large but leaves a third or more of MVC", () => {
    // Pierce 2006 −55.8 % after ischaemic knee extension; a session to failure keeps well above the load
    const loss = mvcLossAtEnd(session(20, 60, 1));
    expect(loss).toBeGreaterThan(0.3);
    expect(loss).toBeLessThan(0.65);
  });

  it("after ischaemic knee extension at 20 %MVC (Pierce 2006's arm as the trial mapping builds it) is 35-75 % (observed 55.8 %)", () => {
    const mapped = mapTrials(loadTrials()).arms.find((a) => a.key === "pierce2006/isc-ex");
    expect(mapped).toBeDefined();
    const member = mapped!.cohort.reduce((a, b) => (b.share > a.share ? b : a));
    const r = simulate(model, member.subject, mapped!.protocol, { tEndS: DAY });
    const loss = mvcLossAtEnd(r);
    expect(loss).toBeGreaterThan(0.35);
    expect(loss).toBeLessThan(0.75);
  });
});

describe("volitional task failure: the subject stops instead of contracting on with every unit left", () => {
  it("at 30 %1RM and 80 %AOP over two exercises, force capacity never falls far below the load, and repetitions are left undone", () => {
    // before the stop was modelled the muscle kept contracting at failure and capacity fell to ~0.05 of MVC against a 0.3 load
    const r = session(30, 80);
    const { start, end } = firstSession(r);
    const capacity = series(r, CAPACITY), prescribed = series(r, PRESCRIBED), reps = series(r, REPS);
    let lowest = Infinity, fewest = Infinity;
    for (let k = 0; k < r.time.length; k++) {
      if (r.time[k]! < start || r.time[k]! > end || prescribed[k]! <= 0) continue;
      lowest = Math.min(lowest, capacity[k]! / prescribed[k]!);
      fewest = Math.min(fewest, reps[k]!);
    }
    expect(lowest).toBeGreaterThan(0.8);
    expect(fewest).toBeLessThan(0.5);
  });
});

describe("MVC loss after 4 sets of knee extension to failure at 15 %1RM (Jessee 2019, independent of the calibration)", () => {
  /** 4 sets of up to 90 repetitions at 15 %1RM, 30-s rests, one exercise, young adult; MVC loss at the end. */
  const toFailure = (pctAop: number) => mvcLossAtEnd(oneSession("review-older-adult", {
    "intensity.loadPct1Rm": 15, progression: {}, "cuff.pressure.pctAop": pctAop, exercisesPerSession: 1, sets: "4x90",
  }, "young-adult"));

  it("is larger with the cuff at 80 %AOP than without it, by a ratio inside the published 95 % CIs (observed -133.6 vs -98.4 N m: 1.36; CI ratio 0.86-2.17)", () => {
    const ratio = toFailure(80) / toFailure(0);
    expect(ratio).toBeGreaterThan(0.86);
    expect(ratio).toBeLessThan(2.17);
    expect(toFailure(80)).toBeGreaterThan(toFailure(0));
  });
});

describe("sets to volitional failure (Jessee 2019: 4 sets of knee extension to failure, up to 90 repetitions, 30-s rests; held out)", () => {
  /** The Jessee 2019 session at a load (%1RM) and pressure (%AOP), young adult. */
  const jessee = (loadPct1Rm: number, pctAop: number) => oneSession("review-older-adult", {
    "intensity.loadPct1Rm": loadPct1Rm, progression: {}, "cuff.pressure.pctAop": pctAop, exercisesPerSession: 1, sets: "4x90",
  }, "young-adult");

  /** Contiguous stretches of the first session during which a set is prescribed, as sample-index ranges. */
  const setsOf = (r: SimulationResult) => setIntervals(r, firstSession(r).start, firstSession(r).end);

  /** MVC loss (fraction) immediately after the last repetition of the final set (Jessee's Post-0). */
  const lossAfterLastRepetition = (r: SimulationResult) => mvcLossAfterLastRepetition(r, firstSession(r).start, firstSession(r).end);

  /** Repetitions performed over the session, in seconds of prescribed contraction time (same cadence in every condition). */
  function work(r: SimulationResult): number {
    const reps = series(r, REPS);
    let total = 0;
    for (const [first, last] of setsOf(r)) for (let k = first + 1; k <= last; k++) total += reps[k - 1]! * (r.time[k]! - r.time[k - 1]!);
    return total;
  }

  it("MVC falls less after 70 %1RM than after 15 %1RM without a cuff, by a ratio inside the published 95 % CIs (observed -48.4 vs -98.4 N m: 0.49; CI ratio 0.22-0.94)", () => {
    const high = lossAfterLastRepetition(jessee(70, 0)), low = lossAfterLastRepetition(jessee(15, 0));
    expect(high / low).toBeGreaterThan(0.22);
    expect(high / low).toBeLessThan(0.94);
  });

  it("MVC falls more at 15 %1RM with 80 %AOP than without the cuff, by a ratio inside the published 95 % CIs (observed 1.36; CI ratio 0.86-2.17)", () => {
    const cuff = lossAfterLastRepetition(jessee(15, 80)), free = lossAfterLastRepetition(jessee(15, 0));
    expect(cuff).toBeGreaterThan(free);
    expect(cuff / free).toBeLessThan(2.17);
  });

  it("fewer repetitions are performed at 15 %1RM the higher the pressure, and fewest at 70 %1RM", () => {
    const [w0, w40, w80, w70] = [work(jessee(15, 0)), work(jessee(15, 40)), work(jessee(15, 80)), work(jessee(70, 0))];
    expect(w40).toBeLessThan(w0);
    expect(w80).toBeLessThan(w40);
    expect(w70).toBeLessThan(w80);
  });
});

describe("recovery of MVC after a BFR session (Loenneke 2013: largely recovered by 1 h, at baseline by 24 h)", () => {
  it("after knee extension 30-15-15-15 at 30 %1RM and 60 %AOP, MVC is within 10 % of baseline 1 h after and within 2 % at 24 h, after a clear fall", () => {
    const r = session(30, 60, 1);
    const { end } = firstSession(r);
    expect(1 - at(r, CAPACITY, end)).toBeGreaterThan(0.2);
    expect(1 - at(r, CAPACITY, end + 3600)).toBeLessThan(0.1);
    expect(1 - at(r, CAPACITY, end + DAY)).toBeLessThan(0.02);
  });
});
