// `bfrsim sensitivity --plot` end to end through a child process on the Ishigami function (no BFR model run):
// one bar per factor, in the order and with the values of the indices JSON.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { bfrsimIn } from "../support/cli.ts";

const EVALUATOR = fileURLToPath(new URL("../sweep/fixtures/ishigami-evaluator.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-sens-plot-"));
const bfrsim = bfrsimIn(dir);
const PI = "-3.141592653589793..3.141592653589793";
const RANGES = ["--range", `x1=${PI}`, "--range", `x2=${PI}`, "--range", `x3=${PI}`];
const svgDoc = (file: string) => parseHTML(`<html><body>${readFileSync(join(dir, file), "utf8")}</body></html>`).document;
const json = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8"));
/** Bar lengths (px) of a bar group's rects, top to bottom. */
const widths = (rects: Iterable<{ getAttribute(name: string): string | null }>) => [...rects].sort((a, b) => Number(a.getAttribute("y")) - Number(b.getAttribute("y"))).map((r) => Number(r.getAttribute("width")));

describe("bfrsim sensitivity --plot", () => {
  it("Morris: one μ* bar and one σ tick per factor, bars ranked and sized as the indices JSON", () => {
    const r = bfrsim("sensitivity", "--evaluator", EVALUATOR, ...RANGES, "--n", "12", "--report", "y", "--workers", "1", "--quiet", "--out", "m.csv", "--plot", "m.svg");
    expect(r.code).toBe(0);
    const doc = svgDoc("m.svg");
    const indices = json("m.csv.sensitivity.json").results[0].indices as Array<{ name: string; muStar: number }>;
    const bars = doc.querySelectorAll('g[aria-label="bar"]');
    expect(bars.length).toBe(1);
    const w = widths(bars[0].querySelectorAll("rect"));
    expect(w.length).toBe(3);
    expect(doc.querySelectorAll('g[aria-label="tick"] line').length).toBe(3);
    // bars sorted by μ*, lengths proportional to μ* (the axis starts at 0)
    const muStar = [...indices].sort((a, b) => b.muStar - a.muStar).map((x) => x.muStar);
    for (let i = 0; i < 3; i++) expect(w[i] / w[0]).toBeCloseTo(muStar[i] / muStar[0], 2);
    expect(doc.documentElement.textContent).toMatch(/Morris \(12 trajectories\) over 3 factor/);
  });

  it("Sobol': an ST bar, an S1 bar and two CI lines per factor, one panel per reported outcome", () => {
    const r = bfrsim("sensitivity", "--method", "sobol", "--evaluator", EVALUATOR, ...RANGES, "--n", "64", "--bootstrap", "20", "--workers", "1", "--quiet", "--out", "s.csv", "--plot", "s.svg");
    expect(r.code).toBe(0);
    const doc = svgDoc("s.svg");
    const outcomes = json("s.csv.sensitivity.json").results.map((x: { outcome: string }) => x.outcome);
    expect(outcomes).toEqual(["y", "ySquared"]);
    const bars = doc.querySelectorAll('g[aria-label="bar"]');
    expect(bars.length).toBe(2 * outcomes.length);
    for (const g of bars) expect(g.querySelectorAll("rect").length).toBe(3);
    const rules = [...doc.querySelectorAll('g[aria-label="rule"]')].filter((g) => g.querySelectorAll("line").length === 3);
    expect(rules.length).toBe(2 * outcomes.length);
    for (const name of outcomes) expect(doc.documentElement.textContent).toContain(`${name}: Sobol'`);
  });

  it("a --plot name that is neither .svg nor .png exits 2 before anything runs, naming the option", () => {
    const r = bfrsim("sensitivity", "--evaluator", EVALUATOR, ...RANGES, "--out", "bad.csv", "--plot", "bad.jpg");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--plot.*bad\.jpg.*\.svg or \.png/);
    expect(r.stderr).not.toMatch(/runs/);
    for (const f of ["bad.csv", "bad.csv.partial", "bad.csv.manifest.json"]) expect(existsSync(join(dir, f))).toBe(false);
  });
});
