import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputError } from "../../src/errors.ts";
import { applySpecFlags, checkAgainstEvaluator, normaliseSweepSpec, parseRangeString, planSweep } from "../../src/sweep/index.ts";

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("expected an InputError");
}

describe("range strings", () => {
  it("40:80:10 is inclusive of both ends", () => {
    expect(parseRangeString("40:80:10", "p")).toEqual([40, 50, 60, 70, 80]);
  });
  it("decimal steps give tidy values, not binary noise", () => {
    expect(parseRangeString("0.1:0.3:0.1", "p")).toEqual([0.1, 0.2, 0.3]);
  });
  it("a descending range needs a negative step", () => {
    expect(parseRangeString("80:40:-20", "p")).toEqual([80, 60, 40]);
    const e = inputError(() => parseRangeString("80:40:20", "variables.p"));
    expect(e.field).toBe("variables.p.step");
    expect(e.message).toMatch(/empty/);
  });
  it("step 0 and malformed ranges are refused, naming the field", () => {
    expect(inputError(() => parseRangeString("40:80:0", "variables.p")).field).toBe("variables.p.step");
    expect(inputError(() => parseRangeString("40:80", "variables.p")).field).toBe("variables.p");
    expect(inputError(() => parseRangeString("a:80:10", "variables.p")).message).toMatch(/from:to:step/);
  });
});

describe("spec validation", () => {
  it("refuses a sample size of zero, an empty range and a bad seed", () => {
    const sample = (n: unknown) => ({ sample: { method: "lhs", n, variables: { x: { min: 0, max: 1 } } } });
    expect(inputError(() => normaliseSweepSpec(sample(0))).field).toBe("sample.n");
    expect(inputError(() => normaliseSweepSpec({ sample: { n: 4, variables: { x: { min: 1, max: 1 } } } })).field).toBe("sample.variables.x.max");
    expect(inputError(() => normaliseSweepSpec({ variables: { x: [1] }, seed: -3 })).field).toBe("seed");
    expect(inputError(() => normaliseSweepSpec({ variables: { x: [1] }, seed: 1.5 })).field).toBe("seed");
    expect(inputError(() => normaliseSweepSpec({ variables: { x: [] } })).field).toBe("variables.x");
    expect(inputError(() => normaliseSweepSpec({ sample: { n: 4, variables: { k: { min: 0, max: 1, scale: "log" } } } })).field).toBe("sample.variables.k.min");
  });
  it("refuses unknown top-level keys and duplicated names", () => {
    expect(inputError(() => normaliseSweepSpec({ variabels: { x: [1] } })).field).toBe("variabels");
    expect(inputError(() => normaliseSweepSpec({ variables: { x: [1] }, fixed: { x: 2 } })).field).toBe("fixed.x");
  });
  it("names the closest known variable when a name is misspelt", () => {
    const plan = planSweep(normaliseSweepSpec({ variables: { pressurePctAop: "40:80:20", loadPct1rn: [20, 30] } }));
    const e = inputError(() => checkAgainstEvaluator(plan, { variables: ["pressurePctAop", "loadPct1rm", "sessionsPerWeek"] }));
    expect(e.field).toBe("variables.loadPct1rn");
    expect(e.message).toContain('did you mean "loadPct1rm"?');
  });
  it("flags layer over a spec file", () => {
    const raw = applySpecFlags({ variables: { a: [1, 2] } }, { set: ["b=40:80:20", "sex=F,M"], sample: "sobol:4", sampleVars: ["k=0.01..1:log"], seed: "5" });
    const spec = normaliseSweepSpec(raw);
    expect(spec.variables).toEqual({ a: [1, 2], b: [40, 60, 80], sex: ["F", "M"] });
    expect(spec.sample).toEqual({ method: "sobol", n: 4, variables: { k: { min: 0.01, max: 1, scale: "log" } } });
    expect(spec.seed).toBe(5);
  });
});

describe("point enumeration", () => {
  const spec = normaliseSweepSpec({
    variables: { p: "40:80:20", sex: ["F", "M"] },
    sample: { method: "lhs", n: 5, variables: { k: { min: 0.01, max: 1, scale: "log" }, w: { min: 5, max: 12 } } },
    fixed: { age: 70 },
    seed: 11,
  });
  const plan = planSweep(spec);
  it("is the full factorial crossed with the sample, last variable fastest", () => {
    expect(plan.size).toBe(3 * 2 * 5);
    const combos = new Set<string>();
    for (let i = 0; i < plan.size; i++) combos.add(`${plan.pointAt(i).p}/${plan.pointAt(i).sex}`);
    expect(combos.size).toBe(6);
    expect(plan.pointAt(0)).toMatchObject({ p: 40, sex: "F", age: 70 });
    expect(plan.pointAt(5)).toMatchObject({ p: 40, sex: "M" });
    expect(plan.pointAt(10)).toMatchObject({ p: 60, sex: "F" });
  });
  it("samples stay inside their ranges, log-scaled samples one per decade-stratum", () => {
    const ks: number[] = [];
    for (let s = 0; s < 5; s++) ks.push(plan.pointAt(s).k as number);
    for (const k of ks) expect(k).toBeGreaterThanOrEqual(0.01), expect(k).toBeLessThan(1);
    // LHS on log scale: each fifth of [log 0.01, log 1) holds one sample
    const strata = ks.map((k) => Math.floor(((Math.log(k) - Math.log(0.01)) / (Math.log(1) - Math.log(0.01))) * 5)).sort();
    expect(strata).toEqual([0, 1, 2, 3, 4]);
  });
  it("point i is a pure function of (spec, i): any access order gives the same point", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: plan.size - 1 }), { minLength: 1, maxLength: 20 }), (order) => {
      const fresh = planSweep(normaliseSweepSpec(JSON.parse(JSON.stringify(spec))));
      for (const i of order) expect(fresh.pointAt(i)).toEqual(plan.pointAt(i));
    }));
  });
  it("a different seed moves the sample, and the spec hash with it", () => {
    const other = planSweep(normaliseSweepSpec({ ...JSON.parse(JSON.stringify(spec)), seed: 12 }));
    expect(other.pointAt(0).w).not.toBe(plan.pointAt(0).w);
    expect(other.hash).not.toBe(plan.hash);
  });
});
