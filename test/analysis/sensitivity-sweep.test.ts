import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { morris, morrisFromSweep } from "../../src/analysis/morris.ts";
import { sobolAnalysis, sobolFromSweep } from "../../src/analysis/sobol-indices.ts";
import { normaliseSweepSpec, readSweepColumn, runSweep } from "../../src/sweep/index.ts";

const EVALUATOR = fileURLToPath(new URL("../sweep/fixtures/ishigami-evaluator.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-sens-"));
const PI = { min: -Math.PI, max: Math.PI, scale: "linear" as const };
const ishigami = (p: Record<string, number>) => Math.sin(p.x1) + 7 * Math.sin(p.x2) ** 2 + 0.1 * p.x3 ** 4 * Math.sin(p.x1);

describe("sensitivity designs run as sweeps (worker pool, resumable) give the in-process indices", () => {
  it("a saltelli sweep of Ishigami reproduces sobolAnalysis exactly and the analytic indices within 0.03", async () => {
    const spec = normaliseSweepSpec({
      sample: { method: "saltelli", n: 1024, variables: { x1: PI, x2: PI, x3: PI } },
      evaluator: { module: EVALUATOR },
    });
    const out = join(dir, "saltelli.csv");
    const run = await runSweep(spec, { out, workers: 2 });
    expect(run.rows).toBe(1024 * 5);
    const viaSweep = sobolFromSweep(spec, readSweepColumn(out, "y"), { bootstrap: 0 });
    const direct = sobolAnalysis(ishigami, { x1: PI, x2: PI, x3: PI }, 1024, { bootstrap: 0 });
    for (let j = 0; j < 3; j++) {
      // CSV rows print numbers in full precision, so only last-bit differences are allowed
      expect(viaSweep[j].first.estimate).toBeCloseTo(direct[j].first.estimate, 10);
      expect(viaSweep[j].total.estimate).toBeCloseTo(direct[j].total.estimate, 10);
    }
    const exactS1 = [0.3139, 0.4424, 0];
    const exactST = [0.5576, 0.4424, 0.2437];
    viaSweep.forEach((r, j) => {
      expect(Math.abs(r.first.estimate - exactS1[j])).toBeLessThan(0.03);
      expect(Math.abs(r.total.estimate - exactST[j])).toBeLessThan(0.03);
    });
  });

  it("a morris sweep reproduces morris() exactly, and inert factors get μ* = 0", async () => {
    const spec = normaliseSweepSpec({
      sample: { method: "morris", n: 12, levels: 6, variables: { x1: { min: 0, max: 2 }, x2: { min: -1, max: 5 }, x3: { min: 0, max: 1 } } },
      fixed: { a: 0, b: 0 },
      seed: 4,
      evaluator: { module: EVALUATOR },
    });
    const out = join(dir, "morris.csv");
    await runSweep(spec, { out, workers: 1 });
    // with a = b = 0, Ishigami is sin(x1): nonlinear in x1 only, x2 and x3 have no effect
    const res = morrisFromSweep(spec, readSweepColumn(out, "y"));
    const direct = morris((p) => Math.sin(p.x1), { x1: { min: 0, max: 2 }, x2: { min: -1, max: 5 }, x3: { min: 0, max: 1 } },
      { trajectories: 12, levels: 6, seed: 4 });
    res.forEach((r, j) => {
      expect(r.muStar).toBeCloseTo(direct[j].muStar, 10);
      expect(r.sigma).toBeCloseTo(direct[j].sigma, 10);
    });
    expect(res[0].muStar).toBeGreaterThan(0.1);
    expect(res[1].muStar).toBe(0);
    expect(res[2].muStar).toBe(0);
  });

  it("refuses an analysis of a sweep whose design is not the one asked for", () => {
    const spec = normaliseSweepSpec({ sample: { method: "lhs", n: 4, variables: { x1: PI } }, evaluator: { module: EVALUATOR } });
    expect(() => sobolFromSweep(spec, new Float64Array(4))).toThrow(/sample\.method/);
    expect(() => morrisFromSweep(spec, new Float64Array(4))).toThrow(/sample\.method/);
  });
});
