import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bfrsimIn } from "../support/cli.ts";
import { parseConstraint } from "../../src/cli/optimise.ts";

const EVALUATOR = fileURLToPath(new URL("./fixtures/hill-evaluator.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-opt-cli-"));
const bfrsim = bfrsimIn(dir);

describe("bfrsim optimise", () => {
  it("finds the best dose under a discomfort ceiling and recovers the Hill parameters per group", () => {
    const r = bfrsim("optimise", "--evaluator", EVALUATOR, "--set", "group=1,2", "--set", "dose=0:100:10", "--objective", "response",
      "--constraint", "discomfort<=7.5", "--constraint", "dose>=10", "--hill", "dose", "--workers", "1", "--quiet", "--out", "o.csv");
    expect(r.code).toBe(0);
    const res = JSON.parse(readFileSync(join(dir, "o.csv.optimum.json"), "utf8"));
    // the response rises with dose and group: the best feasible row is group 2 at the largest dose with discomfort ≤ 7.5
    expect(res.best).toMatchObject({ group: 2, dose: 70 });
    expect(res.feasible).toBe(14); // doses 10..70 in 2 groups
    expect(res.excludedBy).toEqual({ discomfort: 6, dose: 2 }); // doses 80-100 and 0, in each group
    expect(res.hill.fits).toHaveLength(2);
    for (const g of res.hill.fits) {
      const f = g.fit;
      expect(f.ec50.estimate).toBeCloseTo(40, 3);
      expect(f.hill.estimate).toBeCloseTo(2.5, 3);
      expect(f.emax.estimate).toBeCloseTo(10 * g.group.group, 3);
      expect(f.e0.estimate).toBeCloseTo(2, 3);
    }
    expect(r.stdout).toMatch(/Hill fit of response vs dose \(group=1, 11 points/);
  });
  it("bad constraints and a missing objective are input errors", () => {
    expect(() => parseConstraint("discomfort<7")).toThrow(/--constraint = "discomfort<7": expected NAME<=VALUE or NAME>=VALUE/);
    expect(parseConstraint("a.b >= 3")).toEqual({ name: "a.b", min: 3 });
    const r = bfrsim("optimise", "--evaluator", EVALUATOR, "--set", "dose=0:10:5", "--out", "x.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--objective/);
  });
});
