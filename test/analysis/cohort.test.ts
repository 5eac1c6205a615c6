import { describe, expect, it } from "vitest";
import { OLDER_ADULTS, POPULATIONS, resolvePopulation, sampleCohortMember, type CohortBase } from "../../src/analysis/cohort.ts";
import { SUBJECT_PARAMETER_NAMES } from "../../src/analysis/cohort-evaluator.ts";
import { outcomeDistribution, quantileSorted } from "../../src/analysis/responders.ts";
import { pearson } from "../../src/analysis/cohort-run.ts";
import { powerCurve } from "../../src/analysis/power-curve.ts";
import { loadModel } from "../../src/simulate/default-model.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { normalDeviate, xoshiro128ss } from "../../src/sweep/prng.ts";

const model = loadModel();
const base: CohortBase = {
  female: loadSubject("older-woman"),
  male: loadSubject("older-man"),
  parameters: model.parameters.filter((p) => !SUBJECT_PARAMETER_NAMES.includes(p.name)),
};

describe("virtual cohort members", () => {
  it("member m is the same person whatever order or process draws it", () => {
    const a = sampleCohortMember(OLDER_ADULTS, base, 7, 41);
    sampleCohortMember(OLDER_ADULTS, base, 7, 3);
    const b = sampleCohortMember(OLDER_ADULTS, base, 7, 41);
    expect(b).toEqual(a);
    expect(sampleCohortMember(OLDER_ADULTS, base, 8, 41)).not.toEqual(a);
  });

  it("samples the population: sex share, uniform age, women over the menopause age postmenopausal, medians at the preset", () => {
    const n = 1500;
    const members = Array.from({ length: n }, (_, m) => sampleCohortMember(OLDER_ADULTS, base, 1, m));
    const women = members.filter((m) => m.subject.sex === "female");
    // binomial share of women: within 4 SE of 0.5
    expect(Math.abs(women.length / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
    const ages = members.map((m) => m.subject.ageYr);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...ages)).toBeLessThanOrEqual(80);
    // uniform(60, 80): mean 70, SD 20/√12
    expect(Math.abs(ages.reduce((s, x) => s + x, 0) / n - 70)).toBeLessThan((4 * 20) / Math.sqrt(12 * n));
    expect(women.every((m) => m.subject.menopausalStatus === "postmenopausal")).toBe(true);
    // log-normal spread with the preset as median: half the women below the preset 1RM
    const below = women.filter((m) => m.subject.oneRepMaxKg < base.female.oneRepMaxKg).length / women.length;
    expect(Math.abs(below - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / women.length));
    const cv = (xs: number[]) => {
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) / mean;
    };
    expect(cv(women.map((m) => m.subject.oneRepMaxKg))).toBeGreaterThan(0.2);
    expect(cv(women.map((m) => m.subject.oneRepMaxKg))).toBeLessThan(0.3);
  });

  it("parameter variability: inside each parameter's range, wider for weaker evidence, none at scale 0", () => {
    const members = Array.from({ length: 300 }, (_, m) => sampleCohortMember(OLDER_ADULTS, base, 2, m));
    let outside = 0;
    const spreadByGrade: Record<string, number[]> = {};
    for (const p of base.parameters) {
      if (p.value === 0) continue;
      const logs = members.map((m) => Math.log(m.parameters[p.name] / p.value));
      const [lo, hi] = [Math.min(...p.range), Math.max(...p.range)];
      for (const m of members) if (!(m.parameters[p.name] >= lo && m.parameters[p.name] <= hi)) outside++;
      const sd = Math.sqrt(logs.reduce((s, x) => s + x * x, 0) / logs.length);
      (spreadByGrade[p.evidence] ??= []).push(sd);
    }
    expect(outside).toBe(0);
    const median = (xs: number[]) => quantileSorted(Float64Array.from(xs).sort(), 0.5);
    expect(median(spreadByGrade.strong)).toBeLessThan(median(spreadByGrade.moderate));
    expect(median(spreadByGrade.moderate)).toBeLessThan(median(spreadByGrade.limited));
    expect(median(spreadByGrade.limited)).toBeLessThan(median(spreadByGrade.speculative));
    const none = sampleCohortMember({ ...OLDER_ADULTS, parameterVariability: 0 }, base, 2, 0);
    expect(none.parameters).toEqual({});
    // the subject draws do not depend on the parameter scale
    expect(none.subject).toEqual(members[0].subject);
  });

  it("refuses bad populations naming the field", () => {
    expect(() => resolvePopulation({ femaleFraction: 1.5 })).toThrow(/population\.femaleFraction = 1\.5/);
    expect(() => resolvePopulation({ ageYr: { min: 80, max: 70 } })).toThrow(/population\.ageYr/);
    expect(() => resolvePopulation({ parameterVariability: -1 })).toThrow(/parameterVariability/);
    expect(POPULATIONS["older-women"].femaleFraction).toBe(1);
  });
});

describe("responder distributions", () => {
  it("quantiles, SD, responder and negative fractions of a known sample", () => {
    const values = [...Array.from({ length: 101 }, (_, i) => i - 20), null, NaN];
    const d = outcomeDistribution(values, { threshold: 50, bins: 4 });
    expect(d.n).toBe(101);
    expect(d.missing).toBe(2);
    expect(d.mean).toBe(30);
    expect(d.quantiles["0.5"]).toBe(30);
    expect(d.quantiles["0.05"]).toBe(-15);
    expect(d.quantiles["0.95"]).toBe(75);
    expect(d.sd).toBeCloseTo(Math.sqrt((101 * 102) / 12), 10); // SD of 101 consecutive integers
    expect(d.responderFraction).toBeCloseTo(30 / 101, 12);
    expect(d.negativeFraction).toBeCloseTo(20 / 101, 12);
    expect(d.histogram.counts.reduce((s, c) => s + c, 0)).toBe(101);
    expect(d.histogram.edges).toEqual([-20, 5, 30, 55, 80]);
  });
});

describe("who responds: correlation with member characteristics", () => {
  it("Pearson r is ±1 on exact lines, skips missing pairs, and matches a hand computation", () => {
    expect(pearson([1, 2, 3, null, 4], [2, 4, 6, 100, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    // x = 1..4, y = 1, 3, 2, 4: sxy = 4, sxx = syy = 5 → r = 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1, 2], [1, 2])).toBeNaN();
  });
});

describe("power curves from simulated populations", () => {
  it("resampled Welch power matches the normal-theory power within Monte-Carlo error (d = 0.5)", () => {
    const random = xoshiro128ss(11);
    const a = Array.from({ length: 20000 }, () => 10 + 2 * normalDeviate(random));
    const b = Array.from({ length: 20000 }, () => 11 + 2 * normalDeviate(random));
    const curve = powerCurve(a, b, { nPerArm: [20, 64], replicates: 3000, seed: 4 });
    for (const p of curve.points) {
      expect(Math.abs(p.simulated.power - p.analytic)).toBeLessThan(4 * Math.sqrt((p.analytic * (1 - p.analytic)) / 3000) + 0.01);
    }
    // Cohen (1988) Table 2.4.1: d = 0.5 needs 64 per arm for 80 % power
    expect(curve.effect.cohensD).toBeCloseTo(0.5, 1);
    expect(curve.analyticN).toBeGreaterThanOrEqual(60);
    expect(curve.analyticN).toBeLessThanOrEqual(68);
  });
});
