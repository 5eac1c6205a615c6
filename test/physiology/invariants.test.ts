// Conservation, positivity, rest and the zero-pressure limit over whole programmes.
import { describe, expect, it } from "vitest";
import { S, WEEK, run, series } from "./helpers.ts";
import { model } from "./helpers.ts";

describe("physical bounds over a 12-week BFR programme", () => {
  const r = run("review-older-adult");
  it("no concentration or fold-change goes negative", () => {
    for (const s of [...r.states, ...r.outputs]) {
      if (s.name === S.csaChange || s.name === S.strengthChange || /ChangePct|tScore/.test(s.name)) continue;
      let min = Infinity;
      let max = 0;
      for (const v of s.values) { min = Math.min(min, v); max = Math.max(max, Math.abs(v)); }
      // solver round-off allowed: 1e-6 of the series' own scale
      expect(min, s.name).toBeGreaterThanOrEqual(-1e-6 * Math.max(max, 1));
    }
  });
  it("muscle pH stays physiological and StO2 within 0-100 %", () => {
    const pH = series(r, S.pH);
    const sto2 = series(r, S.sto2);
    expect(Math.min(...pH)).toBeGreaterThan(6.2);
    expect(Math.max(...pH)).toBeLessThan(7.3);
    expect(Math.min(...sto2)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...sto2)).toBeLessThanOrEqual(100);
  });
});

describe("rest", () => {
  // One week, as the issue states it; a 12-week rest run would also pass but costs more.
  const rest = run("low-load", { sessionsPerWeek: 0, modality: "none", weeks: 1 });
  const years = WEEK / (365.25 * 86400);

  it("nothing drifts over a week without exercise or cuff, apart from the declared ageing terms", () => {
    expect(rest.time[rest.time.length - 1]).toBeGreaterThanOrEqual(WEEK);
    for (const s of rest.states) {
      if (s.name === "adaptation.bmd") continue; // the ageing term, checked below
      const v = s.values;
      const scale = Math.max(Math.abs(v[0]!), 1e-6);
      expect(Math.abs(v[v.length - 1]! - v[0]!) / scale, s.name).toBeLessThan(1e-3);
    }
  });

  it("bone density falls at exactly the age- and menopause-related rate of the model, nothing more", () => {
    const p = rest.parameters;
    const pct = (name: string) => model.parameters.find((q) => q.name === name)!.value; // %/yr, declared unit
    const lossPerYear = (pct("adaptation.ageBoneLoss") + (p["postmenopausal"] ?? 1) * pct("adaptation.menopauseBoneLoss")) / 100;
    const v = series(rest, "adaptation.bmd");
    const change = v[v.length - 1]! - v[0]!;
    expect(change).toBeLessThan(0);
    expect(change).toBeCloseTo(-lossPerYear * years, 6);
  });
});

describe("zero pressure", () => {
  it("a cuff at 0 mmHg is the same as no cuff", () => {
    const zero = run("review-older-adult", { "cuff.pressure.pctAop": 0, progression: { loadPct1Rm: { increment: 5, everyWeeks: 4, max: 35 } }, weeks: 2 });
    const none = run("low-load", { weeks: 2 });
    expect(zero.time.length).toBeGreaterThan(0);
    for (const name of model.states.map((s) => s.name)) {
      const a = series(zero, name);
      const b = series(none, name);
      const end = (x: Float64Array) => x[x.length - 1]!;
      expect(end(a), name).toBeCloseTo(end(b), 6);
    }
  });
});
