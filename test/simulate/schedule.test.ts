import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createInputEvaluator } from "../../src/simulate/input-evaluator.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { validateProtocol } from "../../src/simulate/protocol-validate.ts";
import type { Protocol } from "../../src/simulate/protocol.ts";
import { compileSchedule, INPUT_NAMES, INPUT_RANGES, sessionDurationS, type InputSchedule } from "../../src/simulate/schedule.ts";
import { SECONDS_PER_DAY, SECONDS_PER_WEEK } from "../../src/simulate/session-times.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { resolveAop } from "../../src/simulate/aop.ts";

const woman = loadSubject("older-woman");
const idx = Object.fromEntries(INPUT_NAMES.map((n, i) => [n, i]));

function compile(input: Record<string, unknown>): { p: Protocol; s: InputSchedule } {
  const { protocol, warnings } = validateProtocol(input);
  return { p: protocol, s: compileSchedule(protocol, woman, warnings) };
}

function at(s: InputSchedule, t: number): Record<string, number> {
  const u = new Float64Array(INPUT_NAMES.length);
  createInputEvaluator(s, idx).inputsAt(t, u);
  return Object.fromEntries(INPUT_NAMES.map((n, i) => [n, u[i]!]));
}

const bfr = {
  modality: "knee_extension",
  intensity: { loadPct1Rm: 20 },
  sets: "30-15-15-15",
  cadenceS: 2,
  restBetweenSetsS: 30,
  exercisesPerSession: 2,
  releaseBetweenExercisesS: 90,
  cuff: { site: "thigh", widthCm: 18, pressure: { pctAop: 60 }, inflation: "continuous" },
  sessionsPerWeek: 3,
  weeks: 12,
};

describe("session timetable", () => {
  it("a 12-week, 3/week programme is one schedule of 36 sessions on Monday, Wednesday, Friday", () => {
    const { s } = compile(bfr);
    expect(s.sessions).toHaveLength(36);
    const weekdays = s.sessions.slice(0, 3).map((x) => Math.floor(x.start / SECONDS_PER_DAY));
    expect(weekdays).toEqual([0, 2, 4]);
    expect(s.sessions.map((x) => x.week)).toEqual(Array.from({ length: 36 }, (_, k) => Math.floor(k / 3)));
    expect(s.tEnd).toBe(12 * SECONDS_PER_WEEK);
  });
  it("session count is sessions/week × weeks for any whole schedule", () => {
    for (const [spw, weeks] of [[1, 4], [2, 6], [4, 10], [5, 8], [7, 2]] as const) {
      expect(compile({ ...bfr, sessionsPerWeek: spw, weeks }).s.sessions).toHaveLength(spw * weeks);
    }
  });
  it("a dense schedule (23 sessions in 19 days, 8.5/week) gives 23 sessions within 19 days", () => {
    const { s } = compile({ ...bfr, sessionsPerWeek: 8.5, weeks: 19 / 7 });
    expect(s.sessions).toHaveLength(23);
    expect(s.sessions[22]!.end).toBeLessThan(19 * SECONDS_PER_DAY);
    for (let k = 1; k < 23; k++) expect(s.sessions[k]!.start).toBeGreaterThanOrEqual(s.sessions[k - 1]!.end);
  });
  it("set timing: reps × cadence, rests between sets, release between exercises", () => {
    const { p, s } = compile(bfr);
    const first = s.sessions[0]!;
    expect(first.start).toBe(10 * 3600);
    expect(first.sets.map((x) => x.end - x.start)).toEqual([60, 30, 30, 30, 60, 30, 30, 30]);
    expect(first.sets[1]!.start - first.sets[0]!.end).toBe(30);
    expect(first.sets[4]!.start - first.sets[3]!.end).toBe(90);
    // 2 × (150 s of reps + 3 × 30 s rests) + 90 s release = 570 s
    expect(first.end - first.start).toBe(570);
    expect(sessionDurationS(p)).toBe(570);
  });
  it("detraining weeks extend the schedule with no sessions", () => {
    const { s } = compile({ ...bfr, weeks: 6, detrainingWeeks: 12 });
    expect(s.tEnd).toBe(18 * SECONDS_PER_WEEK);
    expect(s.sessions.every((x) => x.end <= 6 * SECONDS_PER_WEEK)).toBe(true);
    expect(at(s, 10 * SECONDS_PER_WEEK)).toEqual(Object.fromEntries(INPUT_NAMES.map((n) => [n, 0])));
  });
});

describe("a control arm without sessions", () => {
  it("compiles to one all-zero segment over its weeks", () => {
    const { s } = compile({ modality: "none", sets: "1 min", sessionsPerWeek: 0, weeks: 8 });
    expect(s.sessions).toHaveLength(0);
    expect(Array.from(s.breakpoints)).toEqual([0]);
    expect(Array.from(s.values)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(s.tEnd).toBe(8 * SECONDS_PER_WEEK);
  });
});

describe("inputs during a session", () => {
  const aop = resolveAop(woman, "thigh", 18).aopMmHg;
  it("continuous inflation keeps the cuff on through rests and releases it between exercises", () => {
    const { s } = compile(bfr);
    const sets = s.sessions[0]!.sets;
    const midRest = (sets[0]!.end + sets[1]!.start) / 2;
    const midRelease = (sets[3]!.end + sets[4]!.start) / 2;
    expect(at(s, sets[0]!.start + 1).cuffPressure).toBeCloseTo(0.6 * aop, 9);
    expect(at(s, midRest)).toMatchObject({ cuffPressure: expect.closeTo(0.6 * aop, 9), exercising: 0, relativeLoad: 0, contractionDuty: 0 });
    expect(at(s, midRelease).cuffPressure).toBe(0);
    expect(at(s, sets[7]!.end + 1).cuffPressure).toBe(0);
  });
  it("deflated-in-rests inflates the cuff for sets only", () => {
    const { s } = compile({ ...bfr, cuff: { ...bfr.cuff, inflation: "deflated_in_rests" } });
    const sets = s.sessions[0]!.sets;
    expect(at(s, (sets[0]!.end + sets[1]!.start) / 2).cuffPressure).toBe(0);
    expect(at(s, sets[1]!.start + 1).cuffPressure).toBeGreaterThan(0);
  });
  it("during a set: load as a fraction of 1RM, duty from cadence, exercising = 1", () => {
    const { s } = compile(bfr);
    expect(at(s, s.sessions[0]!.sets[0]!.start + 10)).toMatchObject({ relativeLoad: 0.2, contractionDuty: 0.75, exercising: 1, passiveMotion: 0, unloading: 0 });
  });
  it("a relaxed pause in each rep lowers the duty in proportion (1 s of a 3-s rep → 2/3 of 0.75)", () => {
    const { s } = compile({ ...bfr, cadenceS: 3, repPauseS: 1 });
    const set = s.sessions[0]!.sets[0]!;
    expect(set.end - set.start).toBe(90);
    expect(at(s, set.start + 1).contractionDuty).toBeCloseTo(0.5, 12);
  });
  it("an explicit contraction duty overrides the cadence-derived one", () => {
    const { s } = compile({ ...bfr, contractionDuty: 0.5 });
    expect(at(s, s.sessions[0]!.sets[0]!.start + 1).contractionDuty).toBe(0.5);
  });
  it("load progression raises the load on the right weeks only", () => {
    const { s } = compile({ ...bfr, progression: { loadPct1Rm: { increment: 5, everyWeeks: 2, max: 35 } } });
    const byWeek = new Map(s.sessions.map((x) => [x.week, x.relativeLoad]));
    expect([...byWeek.values()].map((v) => Math.round(v * 100))).toEqual([20, 20, 25, 25, 30, 30, 35, 35, 35, 35, 35, 35]);
    const w3 = s.sessions.find((x) => x.week === 2)!;
    expect(at(s, w3.sets[0]!.start + 1).relativeLoad).toBeCloseTo(0.25, 12);
  });
  it("pressure progression in %AOP raises the mmHg every 2 weeks", () => {
    const { s } = compile({ ...bfr, progression: { pressure: { increment: 10, everyWeeks: 2, max: 80 } } });
    const pct = s.sessions.filter((x) => x.index % 3 === 0).map((x) => Math.round((100 * x.cuffPressureMmHg) / aop));
    expect(pct).toEqual([60, 60, 70, 70, 80, 80, 80, 80, 80, 80, 80, 80]);
  });
  it("walking: one timed bout, the walking load equivalent, cuff on throughout", () => {
    const { s } = compile({ modality: "walking", intensity: { walkingSpeedMPerMin: 67 }, sets: "20 min continuous", cuff: { site: "thigh", widthCm: 5, pressure: { mmHg: 160 } }, sessionsPerWeek: 4, weeks: 6 });
    const bout = s.sessions[0]!.sets[0]!;
    expect(bout.end - bout.start).toBe(1200);
    expect(at(s, bout.start + 600)).toMatchObject({ cuffPressure: 160, relativeLoad: 0.15, exercising: 1, contractionDuty: 0.3 });
    expect(s.sessions).toHaveLength(24);
  });
  it("passive BFR: cuff cycles 5 min on / 3 min off, no exercise, limb unloaded throughout the bed rest", () => {
    const { p, s } = (() => {
      const v = loadProtocol("passive-bfr");
      return { p: v.protocol, s: compileSchedule(v.protocol, woman) };
    })();
    const sets = s.sessions[0]!.sets;
    expect(sets.map((x) => x.end - x.start)).toEqual([300, 300, 300, 300, 300]);
    expect(sets[1]!.start - sets[0]!.end).toBe(180);
    expect(at(s, sets[0]!.start + 1)).toMatchObject({ cuffPressure: 200, exercising: 0, relativeLoad: 0, unloading: 1 });
    expect(at(s, sets[0]!.end + 1)).toMatchObject({ cuffPressure: 0, unloading: 1 });
    expect(at(s, 13.5 * SECONDS_PER_DAY).unloading).toBe(1);
    expect(s.sessions).toHaveLength(p.sessionsPerWeek * p.weeks);
    expect(new Set(s.sessions.map((x) => Math.floor(x.start / SECONDS_PER_DAY))).size).toBe(14);
  });
});

describe("breakpoints and inputsAt", () => {
  const { s } = compile({ ...bfr, progression: { loadPct1Rm: { increment: 5, everyWeeks: 4 } } });
  it("tstops are sorted, unique and exclude 0", () => {
    expect(s.breakpoints[0]).toBe(0);
    for (let k = 1; k < s.breakpoints.length; k++) expect(s.breakpoints[k]!).toBeGreaterThan(s.breakpoints[k - 1]!);
    expect(Array.from(s.tstops)).toEqual(Array.from(s.breakpoints.subarray(1)));
  });
  it("neighbouring segments differ (no redundant stops)", () => {
    const n = INPUT_NAMES.length;
    for (let k = 1; k < s.breakpoints.length; k++) {
      const same = INPUT_NAMES.every((_, i) => s.values[k * n + i] === s.values[(k - 1) * n + i]);
      expect(same).toBe(false);
    }
  });
  it("inputsAt returns the new segment at each breakpoint and just after; inputsBefore the old one", () => {
    const ev = createInputEvaluator(s, idx);
    const u = new Float64Array(INPUT_NAMES.length);
    const n = INPUT_NAMES.length;
    const row = (k: number) => Array.from(s.values.subarray(k * n, k * n + n));
    for (let k = 0; k < s.breakpoints.length; k++) {
      const t = s.breakpoints[k]!;
      ev.inputsAt(t, u);
      expect(Array.from(u)).toEqual(row(k));
      ev.inputsAt(t + 1e-6, u);
      expect(Array.from(u)).toEqual(row(k));
      if (k > 0) {
        ev.inputsBefore(t, u);
        expect(Array.from(u)).toEqual(row(k - 1));
      }
    }
  });
  it("one ulp below a breakpoint (where the ODE driver evaluates a step's last stage) sees the segment that ends there", () => {
    const below = (x: number) => {
      const f = new Float64Array([x]);
      const bits = new BigInt64Array(f.buffer);
      bits[0] = bits[0]! - 1n;
      return f[0]!;
    };
    const ev = createInputEvaluator(s, idx);
    const u = new Float64Array(INPUT_NAMES.length);
    const n = INPUT_NAMES.length;
    for (let k = 1; k < s.breakpoints.length; k++) {
      ev.inputsAt(below(s.breakpoints[k]!), u);
      expect(Array.from(u)).toEqual(Array.from(s.values.subarray((k - 1) * n, k * n)));
    }
  });
  it("gives the same answer forwards, backwards and at random times (cursor and binary search agree)", () => {
    const ev = createInputEvaluator(s, idx);
    const fresh = () => createInputEvaluator(s, idx);
    const u = new Float64Array(INPUT_NAMES.length);
    const v = new Float64Array(INPUT_NAMES.length);
    fc.assert(
      fc.property(fc.double({ min: -10, max: s.tEnd + 10, noNaN: true }), (t) => {
        ev.inputsAt(t, u);
        fresh().inputsAt(t, v);
        expect(Array.from(u)).toEqual(Array.from(v));
        expect(ev.segmentAt(t)).toBe(fresh().segmentAt(t));
      }),
    );
  });
  it("writes into the model's own input order and skips inputs the model lacks", () => {
    const ev = createInputEvaluator(s, ["temperature", "exercising", "cuffPressure"]);
    const u = new Float64Array([-1, -1, -1]);
    ev.inputsAt(s.sessions[0]!.sets[0]!.start + 1, u);
    expect(u[0]).toBe(-1);
    expect(u[1]).toBe(1);
    expect(u[2]).toBeGreaterThan(0);
  });
});

describe("any valid protocol compiles to monotone breakpoints with inputs in range (property)", () => {
  const arbProtocol = fc.record({
    modality: fc.constantFrom("knee_extension", "leg_press", "walking", "passive", "cycling", "elbow_flexion"),
    load: fc.integer({ min: 0, max: 80 }),
    reps: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
    boutMin: fc.integer({ min: 1, max: 30 }),
    cadenceS: fc.double({ min: 0.5, max: 4, noNaN: true }),
    rest: fc.integer({ min: 0, max: 120 }),
    exercises: fc.integer({ min: 1, max: 3 }),
    release: fc.integer({ min: 0, max: 180 }),
    site: fc.constantFrom("thigh", "upper_arm", "none"),
    pct: fc.integer({ min: 0, max: 100 }),
    inflation: fc.constantFrom("continuous", "deflated_in_rests"),
    spw: fc.constantFrom(1, 2, 3, 4, 5, 8.5, 14),
    weeks: fc.integer({ min: 1, max: 4 }),
    detraining: fc.integer({ min: 0, max: 2 }),
    immobile: fc.boolean(),
  });
  it("holds for random protocols", () => {
    fc.assert(
      fc.property(arbProtocol, (r) => {
        const timed = r.modality === "walking" || r.modality === "cycling" || r.modality === "passive";
        const input = {
          modality: r.modality,
          intensity: r.modality === "walking" || r.modality === "cycling" ? { pctHrr: 45 } : r.modality === "passive" ? {} : { loadPct1Rm: r.load },
          sets: timed ? `2x${r.boutMin} min` : r.reps.join("-"),
          cadenceS: r.cadenceS,
          restBetweenSetsS: r.rest,
          exercisesPerSession: timed ? 1 : r.exercises,
          releaseBetweenExercisesS: r.release,
          cuff: r.site === "none" ? undefined : { site: r.site, widthCm: 10, pressure: { pctAop: r.pct }, inflation: r.inflation },
          sessionsPerWeek: r.spw,
          weeks: r.weeks,
          detrainingWeeks: r.detraining,
          immobilisation: r.immobile ? { startDay: 1, durationDays: 5 } : undefined,
        };
        const { s, p } = compile(input);
        expect(s.sessions).toHaveLength(Math.round(p.sessionsPerWeek * p.weeks));
        const n = INPUT_NAMES.length;
        for (let k = 1; k < s.breakpoints.length; k++) expect(s.breakpoints[k]!).toBeGreaterThan(s.breakpoints[k - 1]!);
        expect(s.breakpoints[s.breakpoints.length - 1]!).toBeLessThan(s.tEnd);
        for (let k = 0; k < s.breakpoints.length; k++) {
          INPUT_NAMES.forEach((name, i) => {
            const v = s.values[k * n + i]!;
            const [lo, hi] = INPUT_RANGES[name];
            expect(v).toBeGreaterThanOrEqual(lo);
            expect(v).toBeLessThanOrEqual(hi);
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});
