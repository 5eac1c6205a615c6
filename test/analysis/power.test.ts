import { describe, expect, it } from "vitest";
import { analyticWelchPower, powerFromPopulations, sampleSizeForPower, simulatePower, welchTTest } from "../../src/analysis/power.ts";
import { InputError } from "../../src/errors.ts";
import { normalDeviate, xoshiro128ss } from "../../src/sweep/prng.ts";

describe("trial power", () => {
  it("analytic power reproduces Cohen's tables: d = 0.5 needs 64 per arm for 80 % power", () => {
    // Cohen 1988, Statistical Power Analysis, Table 2.4.1; G*Power gives 0.8015 at n = 64 and 0.8075 for d = 0.8, n = 26
    expect(analyticWelchPower({ meanDifference: 0.5, sdA: 1, sdB: 1, nA: 64, nB: 64 })).toBeCloseTo(0.8015, 3);
    expect(analyticWelchPower({ meanDifference: 0.8, sdA: 1, sdB: 1, nA: 26, nB: 26 })).toBeCloseTo(0.8075, 3);
    expect(sampleSizeForPower({ meanDifference: 0.5, sdA: 1, sdB: 1 })).toBe(64);
  });
  it("under the null the test rejects at the nominal 5 % rate", () => {
    const est = simulatePower({ sampleOutcome: (_arm, r) => normalDeviate(r), nPerArm: 10, replicates: 4000, seed: 8 });
    expect(Math.abs(est.power - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / 4000));
  });
  it("Monte-Carlo power of simulated trials matches the analytic power within Monte-Carlo error, unequal SDs and arms", () => {
    const analytic = analyticWelchPower({ meanDifference: 1, sdA: 1, sdB: 2, nA: 20, nB: 30 });
    const mc = simulatePower({
      sampleOutcome: (arm, r) => (arm === 0 ? normalDeviate(r) : 1 + 2 * normalDeviate(r)),
      nPerArm: [20, 30], replicates: 3000, seed: 21,
    });
    expect(Math.abs(mc.power - analytic)).toBeLessThan(3.5 * mc.standardError);
    expect(mc.ci95[0]).toBeLessThan(mc.power);
    expect(mc.ci95[1]).toBeGreaterThan(mc.power);
  });
  it("Welch's test reproduces a textbook case: equal variances and arms give the pooled t", () => {
    const a = [5.1, 4.9, 6.2, 5.8, 6.0, 5.5];
    const b = [4.1, 4.6, 5.0, 4.4, 3.9, 4.8];
    const res = welchTTest(a, b);
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const v = (x: number[]) => x.reduce((s, y) => s + (y - mean(x)) ** 2, 0) / (x.length - 1);
    const pooledT = (mean(a) - mean(b)) / Math.sqrt(((v(a) + v(b)) / 2) * (2 / 6));
    expect(res.t).toBeCloseTo(pooledT, 12);
    expect(res.df).toBeLessThanOrEqual(10);
    expect(res.pValue).toBeGreaterThan(0);
    expect(res.pValue).toBeLessThan(0.01);
  });
  it("power from resampled virtual-cohort outcomes rises with the difference between the populations", () => {
    const r = xoshiro128ss(4);
    const popA = Array.from({ length: 500 }, () => normalDeviate(r));
    const near = Array.from({ length: 500 }, () => 0.2 + normalDeviate(r));
    const far = Array.from({ length: 500 }, () => 0.9 + normalDeviate(r));
    const pNear = powerFromPopulations(popA, near, { nPerArm: 20, replicates: 800, seed: 1 }).power;
    const pFar = powerFromPopulations(popA, far, { nPerArm: 20, replicates: 800, seed: 1 }).power;
    expect(pFar).toBeGreaterThan(pNear + 0.4);
  });
  it("refuses arms smaller than 2 and a zero replicate count", () => {
    expect(() => simulatePower({ sampleOutcome: () => 0, nPerArm: 1, seed: 1 })).toThrow(InputError);
    expect(() => simulatePower({ sampleOutcome: () => 0, nPerArm: 5, replicates: 0, seed: 1 })).toThrow(/replicates/);
  });
});
