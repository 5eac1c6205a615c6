import { describe, expect, it } from "vitest";
import { samplingTimes, DEFAULT_SAMPLING } from "../../src/simulate/sampling.ts";
import { summarizeProgramme, summarizeSessions, valueAt } from "../../src/simulate/summary.ts";
import type { SimulationResult } from "../../src/simulate/simulate.ts";
import type { InputSchedule } from "../../src/simulate/schedule.ts";

/** A schedule with two one-hour sessions a day apart, over three days. */
function schedule(): InputSchedule {
  const session = (index: number, start: number) => ({
    index, week: 0, start, end: start + 3600, sets: [], relativeLoad: 0.3, cuffPressureMmHg: 100,
  });
  return {
    inputNames: [], breakpoints: new Float64Array([0]), tstops: new Float64Array(0), values: new Float64Array(0),
    tEnd: 3 * 86400, sessions: [session(0, 36000), session(1, 36000 + 86400)],
    aop: { aopMmHg: 150, method: "measured", seMmHg: 0, source: "test" } as never, warnings: [],
  };
}

describe("sampling grid", () => {
  it("is fine during sessions, medium after them and coarse otherwise", () => {
    const s = schedule();
    const t = samplingTimes(s);
    expect(t[0]).toBe(0);
    expect(t[t.length - 1]).toBe(s.tEnd);
    for (let k = 1; k < t.length; k++) expect(t[k]).toBeGreaterThan(t[k - 1]!);
    const stepAt = (x: number) => { const k = t.findIndex((v) => v > x); return t[k]! - t[k - 1]!; };
    expect(stepAt(36000 + 1800)).toBeCloseTo(DEFAULT_SAMPLING.sessionStepS, 6);
    // the cuff-release transient right after the session is still sampled finely
    expect(stepAt(36000 + 3600 + DEFAULT_SAMPLING.releaseWindowS / 2)).toBeCloseTo(DEFAULT_SAMPLING.sessionStepS, 6);
    expect(stepAt(36000 + 3600 + 3 * 3600)).toBeCloseTo(DEFAULT_SAMPLING.recoveryStepS, 6);
    expect(stepAt(60000 + 86400 * 2)).toBeCloseTo(DEFAULT_SAMPLING.restStepS, 6);
  });
});

describe("sampling grid end", () => {
  // from + (end - from) * n / n can round one ulp above end; a grid point past tEnd is a time
  // outside the solve's tspan (found with protocol.weeks = 20.236790840987428: every fractional
  // programme length risks it)
  it("never passes tEnd, whatever the (fractional) programme length", () => {
    const ends = [12239211.100629197, 3 * 86400 + 0.1, 2 * 86400 + 1 / 3, 259200.7000000001, 7 * 86400 * 20.236790840987428];
    for (let k = 0; k < 200; k++) ends.push(2 * 86400 + 86400 * ((k * 0.6180339887498949) % 1) + k * 1e-7);
    for (const tEnd of ends) {
      const t = samplingTimes({ ...schedule(), tEnd });
      expect(t.at(-1), `tEnd ${tEnd}`).toBe(tEnd);
      expect(Math.max(...t), `tEnd ${tEnd}`).toBeLessThanOrEqual(tEnd);
    }
  });
});

describe("sampling grid reuse", () => {
  it("a repeated schedule gets the same grid, a changed one its own, and a caller's copy is its own", () => {
    const a = schedule();
    const b = schedule();
    b.sessions[1] = { ...b.sessions[1]!, start: b.sessions[1]!.start + 7200, end: b.sessions[1]!.end + 7200 };
    const ga = samplingTimes(a);
    const gb = samplingTimes(b);
    expect(gb).not.toEqual(ga);
    expect(gb.some((t) => Math.abs(t - (b.sessions[1]!.start + 5)) < 1e-9)).toBe(true);
    ga[0] = -1; // mutating one result must not leak into the next
    const again = samplingTimes(a);
    expect(again[0]).toBe(0);
    expect(again).toEqual(samplingTimes(schedule()));
    expect(samplingTimes(a, { sessionStepS: 60 }).length).toBeLessThan(again.length);
    expect(samplingTimes({ ...a, tEnd: 2 * 86400 }).at(-1)).toBe(2 * 86400);
  });
});

describe("session and programme summaries", () => {
  // A triangular response of height 2 starting at each session and lasting 2 h, on a baseline of 1.
  function result(): SimulationResult {
    const s = schedule();
    const time = samplingTimes(s, { sessionStepS: 10, recoveryStepS: 10, recoveryWindowS: 3 * 3600, restStepS: 600 });
    const values = time.map((t) => {
      let v = 1;
      for (const ses of s.sessions) {
        const x = t - ses.start;
        if (x >= 0 && x <= 7200) v += 2 * (1 - Math.abs(x - 3600) / 3600);
      }
      return v;
    });
    const ramp = time.map((t) => 10 + t / 86400);
    return {
      status: "success", message: "", stats: {} as never, model: { name: "m", file: "", contentHash: "" },
      subject: {} as never, protocol: {} as never, schedule: s, parameters: {}, time,
      states: [{ name: "x", unit: "1", values }], outputs: [{ name: "ramp", unit: "cm^2", values: ramp }], warnings: [],
    };
  }

  it("reads each session's peak, its time, the baseline and the area over the window", () => {
    const sessions = summarizeSessions(result());
    expect(sessions).toHaveLength(2);
    const r = sessions[0]!.responses.x!;
    expect(r.baseline).toBeCloseTo(1, 9);
    expect(r.peak).toBeCloseTo(3, 6);
    expect(r.tPeakS).toBeCloseTo(3600, 6);
    // window = until the next session (one day): baseline area + triangle (2 × 7200 / 2)
    expect(r.windowS).toBeCloseTo(86400, 6);
    expect(r.auc).toBeCloseTo(86400 + 7200, 0);
  });

  it("gives weekly values and the change from baseline", () => {
    const prog = summarizeProgramme(result());
    const ramp = prog.find((p) => p.name === "ramp")!;
    expect(ramp.baseline).toBeCloseTo(10, 9);
    expect(ramp.final).toBeCloseTo(13, 9);
    expect(ramp.changePct).toBeCloseTo(30, 6);
    expect(ramp.weekly[0]).toBeCloseTo(10, 9);
  });

  it("interpolates linearly between samples", () => {
    const t = new Float64Array([0, 10, 20]);
    const v = new Float64Array([0, 5, 25]);
    expect(valueAt(t, v, 5)).toBeCloseTo(2.5, 12);
    expect(valueAt(t, v, 15)).toBeCloseTo(15, 12);
    expect(valueAt(t, v, 99)).toBe(25);
  });
});
