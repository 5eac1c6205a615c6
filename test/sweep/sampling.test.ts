import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { latinHypercube, normaliseSweepSpec, planSweep, preflightPoints, sobolSequence, SOBOL_MAX_DIMENSION, xoshiro128ss } from "../../src/sweep/index.ts";

const reference = JSON.parse(readFileSync(new URL("./fixtures/sobol-scipy-reference.json", import.meta.url), "utf8")) as {
  indices: number[];
  points: number[][];
};

describe("Sobol sequence (Joe–Kuo directions)", () => {
  it("matches SciPy's unscrambled Sobol points in all 64 dimensions", () => {
    const seq = sobolSequence(64);
    reference.indices.forEach((n, k) => {
      expect(Array.from(seq.point(n))).toEqual(reference.points[k]);
    });
  });
  it("the first 2^m points put exactly one point in each 1/2^m interval of every dimension", () => {
    const seq = sobolSequence(SOBOL_MAX_DIMENSION);
    const m = 8;
    const counts = Array.from({ length: SOBOL_MAX_DIMENSION }, () => new Uint16Array(1 << m));
    for (let n = 0; n < 1 << m; n++) {
      const p = seq.point(n);
      for (let j = 0; j < p.length; j++) counts[j][Math.floor(p[j] * (1 << m))]++;
    }
    for (const c of counts) expect(Math.max(...c)).toBe(1);
  });
  it("refuses dimensions beyond the bundled direction numbers", () => {
    expect(() => sobolSequence(SOBOL_MAX_DIMENSION + 1)).toThrow(/sample.dimension/);
  });
});

describe("xoshiro128** generator", () => {
  it("is reproducible per seed and stream, and differs between them", () => {
    const a = xoshiro128ss(42);
    const b = xoshiro128ss(42);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, xoshiro128ss(43))).not.toEqual(seqA);
    expect(Array.from({ length: 5 }, xoshiro128ss(42, 1))).not.toEqual(seqA);
  });
  it("is uniform on [0, 1): chi-square over 20 bins below the 0.999 quantile (43.8)", () => {
    const random = xoshiro128ss(2024);
    const bins = new Array(20).fill(0);
    const n = 100_000;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = random();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      bins[Math.floor(u * 20)]++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const e = n / 20;
    const chi2 = bins.reduce((s, o) => s + ((o - e) * (o - e)) / e, 0);
    expect(chi2).toBeLessThan(43.8);
  });
  it("refuses negative or fractional seeds", () => {
    expect(() => xoshiro128ss(-1)).toThrow(/seed/);
    expect(() => xoshiro128ss(0.5)).toThrow(/seed/);
  });
});

describe("Latin hypercube", () => {
  it("puts one point in each of the n strata of every dimension", () => {
    const n = 37;
    const lhs = latinHypercube(n, 4, 9);
    for (let j = 0; j < 4; j++) {
      const strata = Array.from({ length: n }, (_, i) => Math.floor(lhs.point(i)[j] * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
  it("is a pure function of (n, d, seed, i)", () => {
    expect(Array.from(latinHypercube(10, 3, 5).point(7))).toEqual(Array.from(latinHypercube(10, 3, 5).point(7)));
    expect(Array.from(latinHypercube(10, 3, 6).point(7))).not.toEqual(Array.from(latinHypercube(10, 3, 5).point(7)));
  });
});

describe("preflightPoints", () => {
  it("visits point 0, every other factorial value and both ends of every sampled range, once each", () => {
    const plan = planSweep(normaliseSweepSpec({
      variables: { a: [1, 2, 3], b: ["x", "y"] },
      sample: { method: "lhs", n: 5, variables: { c: { min: 10, max: 20 } } },
      fixed: { d: 7 },
    }));
    const pts = [...preflightPoints(plan)];
    const p0 = plan.pointAt(0);
    expect(pts[0]).toEqual(p0);
    expect(pts).toHaveLength(1 + 2 + 1 + 2);
    expect(pts.map((p) => p.a)).toEqual([1, 2, 3, 1, 1, 1]);
    expect(pts.map((p) => p.b)).toEqual(["x", "x", "x", "y", "x", "x"]);
    expect(pts.slice(4).map((p) => p.c)).toEqual([10, 20]);
    for (const p of pts) expect(p.d).toBe(7);
  });
});

describe("shards partition a sweep", () => {
  it("for any size and shard count, stride and block shards cover every index exactly once, with shardSize rows each", async () => {
    const fc = (await import("fast-check")).default;
    const { shardIndices, shardSize } = await import("../../src/sweep/index.ts");
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom("stride", "block"), (total, count, mode) => {
      const seen = new Uint8Array(total);
      for (let index = 0; index < count; index++) {
        const shard = { index, count, mode: mode as "stride" | "block" };
        const idx = [...shardIndices(total, shard)];
        if (idx.length !== shardSize(total, shard)) return false;
        for (const i of idx) seen[i]++;
      }
      return seen.every((c) => c === 1);
    }));
  });
});
