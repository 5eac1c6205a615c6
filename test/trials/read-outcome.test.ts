import { describe, expect, it } from "vitest";
import { readOutcome, valueAt } from "../../src/trials/read-outcome.ts";
import type { OutcomeTarget } from "../../src/trials/outcome-map.ts";

const target = (over: Partial<OutcomeTarget>): OutcomeTarget => ({
  output: "x",
  outputUnit: "1",
  reading: "value_at",
  transform: "none",
  anchor: "programme_start",
  timeS: 0,
  windowS: null,
  observedScale: 1,
  rationale: "",
  assumptions: [],
  ...over,
});

// y = 2 + t/10 on a coarse grid: interpolation is exact for a linear function.
const ts = Float64Array.from({ length: 11 }, (_, i) => i * 10);
const linear = { timeS: ts, values: ts.map((t) => 2 + t / 10) };

describe("readOutcome", () => {
  it("reads value, % change, absolute change and fold change at a time (exact on a line)", () => {
    expect(readOutcome(target({ reading: "value_at", timeS: 35 }), linear)).toBeCloseTo(5.5, 12);
    expect(readOutcome(target({ reading: "pct_change_at", timeS: 40 }), linear)).toBeCloseTo(200, 12);
    expect(readOutcome(target({ reading: "abs_change_at", timeS: 40 }), linear)).toBeCloseTo(4, 12);
    expect(readOutcome(target({ reading: "fold_change_at", timeS: 40 }), linear)).toBeCloseTo(3, 12);
  });

  it("anchors session readings at the end of the session", () => {
    expect(readOutcome(target({ reading: "abs_change_at", anchor: "session_end", timeS: 15 }), linear, { sessionEndS: 20 })).toBeCloseTo(3.5, 12);
    expect(() => readOutcome(target({ anchor: "session_end" }), linear)).toThrow(/sessionEndS/);
  });

  it("finds the peak in a window, including a fall below baseline", () => {
    const t = Float64Array.from({ length: 201 }, (_, i) => i);
    const pulse = { timeS: t, values: t.map((x) => 1 + 9 * Math.exp(-(((x - 60) / 10) ** 2))) };
    expect(readOutcome(target({ reading: "peak_fold_change", anchor: "session_end", windowS: [0, 100] }), pulse, { sessionEndS: 20 })).toBeCloseTo(10, 9);
    const dip = { timeS: t, values: t.map((x) => 5 - 2 * Math.exp(-(((x - 50) / 5) ** 2))) };
    expect(readOutcome(target({ reading: "peak_abs_change", anchor: "session_end", windowS: [0, 100] }), dip, { sessionEndS: 0 })).toBeCloseTo(-2, 9);
  });

  it("averages over a window by the trapezoid rule (exact for a line)", () => {
    // mean of 2 + t/10 over [20, 50] is 2 + 3.5 = 5.5 → +175 % vs baseline 2
    expect(readOutcome(target({ reading: "window_mean_pct_change", anchor: "session_end", windowS: [5, 35] }), linear, { sessionEndS: 15 })).toBeCloseTo(175, 10);
  });

  it("turns an area change into a length change for thickness, and converts absolute units", () => {
    const csa = { timeS: [0, 100], values: [21, 21] }; // csaChangePct = +21 % → thickness +10 %
    expect(readOutcome(target({ transform: "sqrt_area", timeS: 50 }), csa)).toBeCloseTo(10, 12);
    const lactate = { timeS: [0, 10, 20], values: [1, 5.5, 3] }; // mM
    const mgPerDl = readOutcome(target({ reading: "peak_abs_change", anchor: "session_end", windowS: [0, 20], observedScale: 1 / 9.008 }), lactate, { sessionEndS: 0 });
    expect(mgPerDl).toBeCloseTo(4.5 * 9.008, 10);
  });

  it("returns null when the series does not reach the time", () => {
    expect(readOutcome(target({ reading: "value_at", timeS: 1000 }), linear)).toBeNull();
    expect(valueAt(linear, -1)).toBeNull();
  });
});
