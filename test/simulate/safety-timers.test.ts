// The safety clocks are exact schedule quantities: the schedule says when the current inflation and
// the current rest under the cuff began (cuffInflatedSince, restUnderCuffSince), and the safety
// module's outputs are t minus those. The seed review's limits for older adults are a rest under
// the cuff of at most 60 s and at most 80 %AOP (models/modules/safety.yaml: longRestLimit).
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileModelFile } from "../../src/model/compile.ts";
import { ratesDependOnTime } from "../../src/model/time-dependence.ts";
import { loadModel } from "../../src/simulate/default-model.ts";
import { createInputEvaluator } from "../../src/simulate/input-evaluator.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { validateProtocol } from "../../src/simulate/protocol-validate.ts";
import { compileSchedule, INPUT_NAMES, TIMER_INPUT_NAMES, TIMER_INPUT_RANGES, type InputSchedule } from "../../src/simulate/schedule.ts";
import { simulate, seriesOf, type SimulationResult } from "../../src/simulate/simulate.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";

const model = loadModel();
const woman = loadSubject("older-woman");
const FLAG = "safety.longRestFlag";
const MINUTES = "safety.continuousOcclusionMinutes";
const REST = "safety.restDuration";

/** Three 30-s sets with 120-s rests under a continuously inflated cuff: rests twice the review's limit. */
const longRests = {
  modality: "knee_extension",
  intensity: { loadPct1Rm: 20 },
  sets: "3x15",
  cadenceS: 2,
  restBetweenSetsS: 120,
  exercisesPerSession: 1,
  cuff: { site: "thigh", widthCm: 11.5, pressure: { pctAop: 60 }, inflation: "continuous" },
  sessionsPerWeek: 1,
  weeks: 1,
};

/** One session of `input`, solved to 15 min after it, sampled every 0.5 s in the session. */
function oneSession(input: Record<string, unknown>): SimulationResult {
  const { protocol } = validateProtocol(input);
  const end = compileSchedule(protocol, woman).sessions[0]!.end;
  return simulate(model, woman, protocol, { tEndS: end + 900, sampling: { sessionStepS: 0.5 }, series: [FLAG, MINUTES, REST] });
}

function values(r: SimulationResult, name: string): Float64Array {
  return seriesOf(r, name)!.values;
}

/** Sample indices with time in [from, to). */
function samplesIn(r: SimulationResult, from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < r.time.length; k++) if (r.time[k]! >= from && r.time[k]! < to) out.push(k);
  return out;
}

/** The schedule's clock inputs at t (s), read through the input evaluator as a model would. */
function clocksAt(s: InputSchedule, t: number): Record<string, number> {
  const names = [...INPUT_NAMES, ...TIMER_INPUT_NAMES];
  const u = new Float64Array(names.length);
  createInputEvaluator(s, names).inputsAt(t, u);
  return Object.fromEntries(names.map((n, i) => [n, u[i]!]));
}

describe("the schedule's clock inputs", () => {
  it("give the inflation time and the end of the last prescribed set, constant between breakpoints", () => {
    const { protocol } = validateProtocol(longRests);
    const s = compileSchedule(protocol, woman);
    const sets = s.sessions[0]!.sets;
    const inflation = sets[0]!.start;
    expect(clocksAt(s, inflation + 10)).toMatchObject({ cuffInflatedSince: inflation, exercising: 1 });
    expect(clocksAt(s, sets[0]!.end)).toMatchObject({ cuffInflatedSince: inflation, restUnderCuffSince: sets[0]!.end });
    expect(clocksAt(s, sets[1]!.start - 1)).toMatchObject({ cuffInflatedSince: inflation, restUnderCuffSince: sets[0]!.end });
    expect(clocksAt(s, sets[2]!.start - 1)).toMatchObject({ cuffInflatedSince: inflation, restUnderCuffSince: sets[1]!.end });
    expect(clocksAt(s, sets[2]!.end + 1)).toMatchObject({ cuffPressure: 0, cuffInflatedSince: 0, restUnderCuffSince: 0 });
    expect(clocksAt(s, inflation - 1)).toMatchObject({ cuffInflatedSince: 0, restUnderCuffSince: 0 });
  });
  it("passive BFR: each inflation is a rest under the cuff from the inflation (no exercise)", () => {
    const s = compileSchedule(loadProtocol("passive-bfr").protocol, woman);
    for (const set of s.sessions[3]!.sets) {
      expect(clocksAt(s, set.start + 100)).toMatchObject({ cuffInflatedSince: set.start, restUnderCuffSince: set.start, exercising: 0 });
    }
  });
  it("stay within their ranges and below the programme end for every preset", () => {
    for (const name of ["review-older-adult", "bfr-walking", "high-load", "low-load", "passive-bfr"]) {
      const s = compileSchedule(loadProtocol(name).protocol, woman);
      for (const t of s.breakpoints) {
        const c = clocksAt(s, t);
        for (const n of TIMER_INPUT_NAMES) {
          expect(c[n]).toBeGreaterThanOrEqual(TIMER_INPUT_RANGES[n][0]);
          expect(c[n]).toBeLessThanOrEqual(Math.min(t, TIMER_INPUT_RANGES[n][1]));
        }
      }
    }
  });
});

describe("long rests under the cuff (3 × 30-s sets, 120-s rests, cuff on throughout)", () => {
  const r = oneSession(longRests);
  const sets = r.schedule.sessions[0]!.sets;
  const flag = values(r, FLAG), minutes = values(r, MINUTES), rest = values(r, REST);

  it("longRestFlag turns on exactly 60 s after each prescribed set ended, and stays on to the next set", () => {
    for (let j = 0; j + 1 < sets.length; j++) {
      const end = sets[j]!.end, next = sets[j + 1]!.start;
      for (const k of samplesIn(r, end, next)) expect(flag[k]).toBe(r.time[k]! > end + 60 ? 1 : 0);
      const first = samplesIn(r, end, next).find((k) => flag[k] === 1)!;
      expect(r.time[first]).toBe(end + 60.5); // the first grid point after 60 s (grid 0.5 s)
    }
  });
  it("the rest clock is the exact time since the prescribed set ended", () => {
    for (let j = 0; j + 1 < sets.length; j++) {
      for (const k of samplesIn(r, sets[j]!.end, sets[j + 1]!.start)) expect(rest[k]).toBeCloseTo(r.time[k]! - sets[j]!.end, 9);
    }
  });
  it("never flags during a set", () => {
    for (const set of sets) for (const k of samplesIn(r, set.start, set.end)) expect([flag[k], rest[k]]).toEqual([0, 0]);
  });
  it("continuousOcclusionMinutes is the analytic minutes since inflation, 0 while deflated", () => {
    const inflation = sets[0]!.start, deflation = sets[sets.length - 1]!.end;
    for (const dt of [0.5, 10, 59.5, 60, 61, 150, 200.5, 300, deflation - inflation - 0.5]) {
      const k = r.time.indexOf(inflation + dt);
      expect(k).toBeGreaterThan(0);
      expect(Math.abs(minutes[k]! - dt / 60)).toBeLessThanOrEqual(1e-9 * (dt / 60));
    }
    for (const k of [...samplesIn(r, 0, inflation), ...samplesIn(r, deflation, r.time[r.time.length - 1]! + 1)]) {
      expect([minutes[k], flag[k], rest[k]]).toEqual([0, 0, 0]);
    }
  });
});

describe("no flag without a cuff or with the cuff deflated in rests", () => {
  it("no cuff: no occlusion time and no long rest, however long the rests", () => {
    const r = oneSession({ ...longRests, cuff: undefined });
    expect(Math.max(...values(r, MINUTES), ...values(r, FLAG), ...values(r, REST))).toBe(0);
  });
  it("deflated in rests: occlusion restarts at every set, and a rest is not under the cuff", () => {
    const r = oneSession({ ...longRests, cuff: { ...longRests.cuff, inflation: "deflated_in_rests" } });
    const minutes = values(r, MINUTES);
    expect(Math.max(...values(r, FLAG), ...values(r, REST))).toBe(0);
    for (const set of r.schedule.sessions[0]!.sets) {
      for (const k of samplesIn(r, set.start, set.end)) expect(minutes[k]).toBeCloseTo((r.time[k]! - set.start) / 60, 12);
    }
  });
  it("a walking bout under the cuff is exercise, not rest: 20 min of occlusion and no flag", () => {
    const { protocol } = loadProtocol("bfr-walking");
    const bout = compileSchedule(protocol, woman).sessions[0]!.sets[0]!;
    const r = simulate(model, woman, protocol, { tEndS: bout.end + 600, sampling: { sessionStepS: 1 }, series: [FLAG, MINUTES] });
    expect(Math.max(...values(r, FLAG))).toBe(0);
    expect(Math.max(...values(r, MINUTES))).toBeCloseTo((bout.end - 1 - bout.start) / 60, 9);
  });
});

describe("the default programme", () => {
  it("the longest continuous occlusion of each session is the schedule's inflation (one exercise's sets and rests)", () => {
    const { protocol } = loadProtocol("review-older-adult");
    const step = 1;
    const r = simulate(model, woman, protocol, { sampling: { sessionStepS: step }, series: [MINUTES] });
    const minutes = values(r, MINUTES);
    expect(r.schedule.sessions.length).toBeGreaterThan(20);
    for (const session of r.schedule.sessions) {
      // continuous inflation: from the first set of an exercise to its last (released between exercises)
      const exercise = session.sets.filter((s) => s.exercise === 0);
      const inflationS = exercise[exercise.length - 1]!.end - exercise[0]!.start;
      const ks = samplesIn(r, session.start, session.end + 60);
      const longest = Math.max(...ks.map((k) => minutes[k]!));
      expect(longest).toBeCloseTo((inflationS - step) / 60, 9); // the last sample before deflation
    }
  });
});

describe("clocks in outputs, not states", () => {
  it("the default model has no timer states, and its rates never read t (∂f/∂t = 0 between tstops)", () => {
    const names = model.states.map((s) => s.name);
    expect(names).not.toContain("safety.restDuration");
    expect(names).not.toContain("safety.continuousOcclusionTime");
    expect(model.inputs.map((i) => i.name)).toEqual(expect.arrayContaining([...TIMER_INPUT_NAMES]));
    expect(model.ratesUseTime).toBe(false);
  });
  it("ratesDependOnTime: t in an output no rate reads is ignored; t reached through a definition a rate reads is not", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-tout-"));
    const file = (name: string, rate: string) => {
      const path = join(dir, `${name}.yaml`);
      writeFileSync(path, [
        `name: ${name}`,
        "parameters:",
        '  k: { value: 1, unit: 1/s, range: [0.1, 10], source: "assumed: test", evidence: speculative, description: rate }',
        "states:",
        '  x: { initial: "0", unit: "1", description: x }',
        "assignments:",
        '  elapsed: { expr: "k * t", unit: "1", description: time in units of 1/k }',
        "rates:",
        `  x: "${rate}"`,
        "outputs:",
        '  clock: { expr: "elapsed + x", unit: "1", description: reads t }',
      ].join("\n"));
      return compileModelFile(path, { cache: false });
    };
    expect(ratesDependOnTime(file("tout", "-k * x"))).toBe(false);
    expect(ratesDependOnTime(file("tin", "k * tanh(elapsed) - k * x"))).toBe(true);
  });
});
