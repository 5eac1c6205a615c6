import { describe, expect, it } from "vitest";
import { morris, morrisDesign, morrisIndices } from "../../src/analysis/morris.ts";
import { sobolAnalysis } from "../../src/analysis/sobol-indices.ts";

const A = 7;
const B = 0.1;
const ishigami = (p: Record<string, number>) => Math.sin(p.x1) + A * Math.sin(p.x2) ** 2 + B * p.x3 ** 4 * Math.sin(p.x1);
const PI = { min: -Math.PI, max: Math.PI };
const RANGES = { x1: PI, x2: PI, x3: PI };

describe("Sobol' indices (Saltelli design, Saltelli 2010 / Jansen estimators)", () => {
  // Analytic indices of the Ishigami function for a = 7, b = 0.1 (Ishigami & Homma 1990; Sobol' & Levitan 1999)
  const V = A ** 2 / 8 + (B * Math.PI ** 4) / 5 + (B ** 2 * Math.PI ** 8) / 18 + 0.5;
  const V1 = 0.5 * (1 + (B * Math.PI ** 4) / 5) ** 2;
  const V2 = A ** 2 / 8;
  const V13 = (B ** 2 * Math.PI ** 8) * (1 / 18 - 1 / 50);
  const exact = { x1: [V1 / V, (V1 + V13) / V], x2: [V2 / V, V2 / V], x3: [0, V13 / V] };

  it("the analytic indices are the published ones (S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437)", () => {
    expect(exact.x1[0]).toBeCloseTo(0.3139, 4);
    expect(exact.x2[0]).toBeCloseTo(0.4424, 4);
    expect(exact.x1[1]).toBeCloseTo(0.5576, 4);
    expect(exact.x3[1]).toBeCloseTo(0.2437, 4);
  });
  it("recovers the Ishigami indices within 0.02, with bootstrap intervals covering them", () => {
    const res = sobolAnalysis(ishigami, RANGES, 4096, { bootstrap: 200, seed: 5 });
    for (const r of res) {
      const [s1, st] = exact[r.name as keyof typeof exact];
      expect(Math.abs(r.first.estimate - s1)).toBeLessThan(0.02);
      expect(Math.abs(r.total.estimate - st)).toBeLessThan(0.02);
      expect(r.first.ci[0]).toBeLessThan(s1);
      expect(r.first.ci[1]).toBeGreaterThan(s1);
      expect(r.total.ci[0]).toBeLessThan(st);
      expect(r.total.ci[1]).toBeGreaterThan(st);
    }
  });
  it("a linear model y = Σ aᵢxᵢ with uniform inputs has S1 = STᵢ = aᵢ²wᵢ² / Σ aⱼ²wⱼ²", () => {
    const coef = { u: 1, v: -2, w: 0.5 };
    const ranges = { u: { min: 0, max: 1 }, v: { min: 0, max: 1 }, w: { min: 10, max: 14 } };
    const weights = { u: 1, v: 4, w: 0.25 * 16 }; // aᵢ² × width²
    const total = 1 + 4 + 4;
    const res = sobolAnalysis((p) => coef.u * p.u + coef.v * p.v + coef.w * p.w, ranges, 2048, { bootstrap: 0 });
    for (const r of res) {
      const s = weights[r.name as keyof typeof weights] / total;
      expect(r.first.estimate).toBeCloseTo(s, 2);
      expect(r.total.estimate).toBeCloseTo(s, 2);
    }
  });
});

describe("Morris elementary effects", () => {
  it("a linear model has μ* = |aᵢ| × range and σ = 0 for every factor", () => {
    const res = morris((p) => 3 * p.a - 0.5 * p.b, { a: { min: 0, max: 2 }, b: { min: -1, max: 5 } }, { trajectories: 10, seed: 1 });
    expect(res[0].muStar).toBeCloseTo(6, 10);
    expect(res[0].mu).toBeCloseTo(6, 10);
    expect(res[1].muStar).toBeCloseTo(3, 10);
    expect(res[1].mu).toBeCloseTo(-3, 10);
    for (const r of res) expect(r.sigma).toBeLessThan(1e-9);
  });
  it("on Ishigami matches μ*, μ and σ enumerated exactly over the 4-level grid", () => {
    // With p = 4 levels and Δ = 2/3, a factor moves between levels (l, l+2), l ∈ {0, 1}, while the
    // others sit uniformly on the 4 levels; enumerate every case for the exact moments.
    const levels = [0, 1, 2, 3].map((l) => -Math.PI + (l / 3) * 2 * Math.PI);
    const names = ["x1", "x2", "x3"];
    const exact = names.map((name) => {
      const effects: number[] = [];
      for (const l of [0, 1]) for (const o1 of levels) for (const o2 of levels) {
        const others = names.filter((n) => n !== name);
        const lo = { [name]: levels[l], [others[0]]: o1, [others[1]]: o2 };
        const hi = { ...lo, [name]: levels[l + 2] };
        effects.push((ishigami(hi) - ishigami(lo)) / (2 / 3));
      }
      const mu = effects.reduce((s, e) => s + e, 0) / effects.length;
      const muStar = effects.reduce((s, e) => s + Math.abs(e), 0) / effects.length;
      const sigma = Math.sqrt(effects.reduce((s, e) => s + (e - mu) ** 2, 0) / effects.length);
      return { mu, muStar, sigma };
    });
    const r = 1500;
    const design = morrisDesign(RANGES, { trajectories: r, levels: 4, seed: 12 });
    const res = morrisIndices(design, design.points.map(ishigami));
    res.forEach((est, j) => {
      const { mu, muStar, sigma } = exact[j];
      const rms = Math.sqrt(sigma ** 2 + mu ** 2); // bounds the SD of |EE|
      expect(Math.abs(est.muStar - muStar)).toBeLessThan((4 * rms) / Math.sqrt(r));
      expect(Math.abs(est.mu - mu)).toBeLessThan((4 * sigma) / Math.sqrt(r) + 1e-9);
      expect(Math.abs(est.sigma - sigma) / sigma).toBeLessThan(0.1);
    });
    // x3 acts only through its interaction with x1: mean effect zero, large spread
    expect(exact[2].mu).toBeCloseTo(0, 12);
    expect(res[2].sigma).toBeGreaterThan(res[2].muStar);
  });
  it("refuses odd level counts and a single trajectory", () => {
    expect(() => morrisDesign(RANGES, { levels: 3, seed: 1 })).toThrow(/levels/);
    expect(() => morrisDesign(RANGES, { trajectories: 1, seed: 1 })).toThrow(/trajectories/);
  });
});
