import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bfrsimIn } from "../support/cli.ts";
import { modelParameterRanges } from "../../src/analysis/parameter-ranges.ts";
import { loadModel } from "../../src/simulate/default-model.ts";

const EVALUATOR = fileURLToPath(new URL("../sweep/fixtures/ishigami-evaluator.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-sens-cli-"));
const bfrsim = bfrsimIn(dir);

const model = loadModel();
// a real parameter name with its last letter dropped (the model evolves; the name is read from it)
const REAL = model.parameters.find((p) => p.name.startsWith("cuff.") && p.name.length > 12)!.name;
const TYPO = REAL.slice(0, -1);
const esc = (s: string) => s.replace(/[.]/g, "\\.");

describe("sensitivity factors from the model files", () => {
  it("takes each parameter's declared range, log-scaled when it spans ≥ 4× above zero", () => {
    const { ranges, parameters } = modelParameterRanges(model, { modules: ["cuff"] });
    expect(parameters.length).toBeGreaterThan(3);
    for (const p of parameters) {
      expect(p.name.startsWith("cuff.")).toBe(true);
      const r = ranges[p.name];
      expect([r.min, r.max]).toEqual([Math.min(...p.range), Math.max(...p.range)]);
      expect(r.scale).toBe(r.min > 0 && r.max / r.min >= 4 ? "log" : "linear");
    }
  });
  it("filters by evidence grade and excludes names; unknown names get the closest suggested", () => {
    const { parameters } = modelParameterRanges(model, { evidence: ["speculative"], exclude: ["age"] });
    expect(parameters.every((p) => p.evidence === "speculative")).toBe(true);
    expect(() => modelParameterRanges(model, { names: [TYPO] })).toThrow(new RegExp(`params = "${esc(TYPO)}".*did you mean "${esc(REAL)}"`));
    expect(() => modelParameterRanges(model, { modules: ["cufff"] })).toThrow(/did you mean "cuff"/);
  });
});

describe("bfrsim sensitivity from the command line", () => {
  it("Sobol' indices of the Ishigami function through a sweep match the analytic values", () => {
    const pi = "-3.141592653589793..3.141592653589793";
    const r = bfrsim("sensitivity", "--method", "sobol", "--evaluator", EVALUATOR, "--range", `x1=${pi}`, "--range", `x2=${pi}`,
      "--range", `x3=${pi}`, "--n", "2048", "--bootstrap", "50", "--report", "y", "--workers", "2", "--quiet", "--out", "ish.csv");
    expect(r.stderr).toMatch(/sobol over 3 factor\(s\): 10240 runs/);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "ish.csv.sensitivity.json"), "utf8"));
    const byName = Object.fromEntries(json.results[0].indices.map((x: { name: string }) => [x.name, x]));
    const exact = { x1: [0.3139, 0.5576], x2: [0.4424, 0.4424], x3: [0, 0.2437] };
    for (const [name, [s1, st]] of Object.entries(exact)) {
      expect(Math.abs(byName[name].first.estimate - s1)).toBeLessThan(0.03);
      expect(Math.abs(byName[name].total.estimate - st)).toBeLessThan(0.03);
    }
    // ranked by total index
    expect(json.results[0].indices.map((x: { name: string }) => x.name)).toEqual(["x1", "x2", "x3"]);
    expect(r.stdout).toMatch(/y \(2048 Saltelli rows\)/);
  });
  it("refuses a misspelt parameter and a custom evaluator without ranges (exit 2, nothing run)", () => {
    const typo = bfrsim("sensitivity", "--params", TYPO, "--out", "t.csv");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(new RegExp(`did you mean "${esc(REAL)}"`));
    const none = bfrsim("sensitivity", "--evaluator", EVALUATOR, "--out", "n.csv");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--range/);
  });
});
