// `bfrsim sweep --plot` end to end through a child process (Ishigami evaluator: no BFR model run),
// and the sweep panels' choice of marks for dose grids and sampled designs.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { bfrsimIn } from "../support/cli.ts";
import { sweepPanels, DOSE_VARIABLES, type SweepPlotRow } from "../../src/plot/sweep-figure.ts";
import { renderFigureSvg } from "../../src/plot/write-figure.ts";

const EVALUATOR = fileURLToPath(new URL("./fixtures/ishigami-evaluator.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-sweep-plot-"));
const bfrsim = bfrsimIn(dir);
const svgDoc = (svg: string) => parseHTML(`<html><body>${svg}</body></html>`).document;
/** Ishigami with a = 7, b = 0.1 (the fixture's defaults), x3 = 0. */
const ishigami = (x1: number, x2: number) => Math.sin(x1) + 7 * Math.sin(x2) ** 2;

describe("bfrsim sweep --plot", () => {
  it("two swept variables give a heatmap with one cell per computed point, labelled with its value; failed points are left out", () => {
    const r = bfrsim("sweep", "--evaluator", EVALUATOR, "--set", "x1=0,1,2,99", "--set", "x2=0,0.5,1", "--workers", "1", "--quiet", "--out", "grid.csv", "--plot", "grid.svg");
    expect(r.code).toBe(0);
    const doc = svgDoc(readFileSync(join(dir, "grid.svg"), "utf8"));
    // x1 = 99 fails in the evaluator: 4 × 3 points, 9 with a value
    expect(doc.querySelectorAll('g[aria-label="cell"] rect').length).toBe(9);
    const labels = [...doc.querySelectorAll('g[aria-label="text"] text')].map((t) => Number(t.textContent));
    const expected = [0, 1, 2].flatMap((x1) => [0, 0.5, 1].map((x2) => ishigami(x1, x2)));
    expect(labels.length).toBe(9);
    for (const v of expected) expect(labels.some((l) => Math.abs(l - v) <= 0.01 * Math.max(1, Math.abs(v)))).toBe(true);
    expect(doc.documentElement.textContent).toContain("x1 ∈ {0, 1, 2, 99}");
    expect(doc.documentElement.textContent).toMatch(/evaluator\s+\S*ishigami-evaluator\.ts/);
  });

  it("one swept variable gives a curve of the chosen --plot-outcome with a dot per computed point", () => {
    const r = bfrsim("sweep", "--evaluator", EVALUATOR, "--set", "x1=0:2:0.5", "--set", "x2=1", "--workers", "1", "--quiet", "--out", "curve.csv", "--plot", "curve.svg", "--plot-outcome", "ySquared");
    expect(r.code).toBe(0);
    const doc = svgDoc(readFileSync(join(dir, "curve.svg"), "utf8"));
    const dots = [...doc.querySelectorAll('g[aria-label="dot"] circle')];
    expect(dots.length).toBe(5);
    expect(doc.querySelectorAll('g[aria-label="line"] path').length).toBe(1);
    // SVG y grows downwards: the dots' heights rank as ySquared does (x sorted left to right)
    const values = [0, 0.5, 1, 1.5, 2].map((x1) => ishigami(x1, 1) ** 2);
    const cy = dots.map((d) => Number(d.getAttribute("cy")));
    const rank = (xs: number[]) => xs.map((x) => xs.filter((y) => y < x).length);
    expect(rank(cy.map((c) => -c))).toEqual(rank(values));
    expect(doc.documentElement.textContent).toContain("ySquared");
  });

  it("refuses a bad extension, and a sweep with nothing numeric to plot against, before running (exit 2, no rows)", () => {
    const bad = bfrsim("sweep", "--evaluator", EVALUATOR, "--set", "x1=0,1", "--out", "bad.csv", "--plot", "bad.pdf");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--plot.*bad\.pdf.*\.svg or \.png/);
    const flat = bfrsim("sweep", "--evaluator", EVALUATOR, "--set", "x1=1", "--out", "flat.csv", "--plot", "flat.svg");
    expect(flat.code).toBe(2);
    expect(flat.stderr).toMatch(/--plot.*numeric swept variable/);
    for (const f of ["bad.csv", "bad.csv.partial", "bad.csv.manifest.json", "flat.csv", "flat.csv.partial", "flat.csv.manifest.json", "flat.svg"]) {
      expect(existsSync(join(dir, f))).toBe(false);
    }
  });
});

describe("sweep panels", () => {
  const chart = (rows: SweepPlotRow[], choice: Parameters<typeof sweepPanels>[1]) =>
    svgDoc(renderFigureSvg({ title: "t", caption: "c", panels: sweepPanels(rows, choice), columns: 1 }));

  it("cuff pressure × load grids use the dose-response panels with the envelope outlined", () => {
    const rows = [40, 60, 80, 100].flatMap((p) => [20, 30].map((l) => ({ [DOSE_VARIABLES.pressure]: p, [DOSE_VARIABLES.load]: l, csa: p / 10 + l })));
    const doc = chart(rows, { outcome: "csa", x: { name: DOSE_VARIABLES.pressure, factorial: true }, y: { name: DOSE_VARIABLES.load, factorial: true }, maxPctAop: 80 });
    const cells = doc.querySelectorAll('g[aria-label="cell"]');
    expect(cells[0].querySelectorAll("rect").length).toBe(8);
    expect(cells[1].querySelectorAll("rect").length).toBe(2); // 100 %AOP at two loads
    expect(doc.querySelectorAll('g[aria-label="line"] path').length).toBe(2); // one curve per load
  });

  it("two sampled variables give a dot per point coloured by the outcome; other factorial variables become named curves", () => {
    const sampled = Array.from({ length: 7 }, (_, i) => ({ a: i / 7, b: (i * 3) % 7, y: i }));
    const dots = chart(sampled, { outcome: "y", x: { name: "a", factorial: false }, y: { name: "b", factorial: false }, maxPctAop: 80 });
    const circles = [...dots.querySelectorAll('g[aria-label="dot"] circle')];
    expect(circles.length).toBe(7);
    expect(new Set(circles.map((c) => c.getAttribute("fill"))).size).toBe(7);
    const bySex = [1, 2, 3].flatMap((x) => ["F", "M"].map((sex) => ({ x, sex, y: x * (sex === "F" ? 1 : 2) })));
    const curves = chart(bySex, { outcome: "y", x: { name: "x", factorial: true }, series: ["sex"], maxPctAop: 80 });
    expect(curves.querySelectorAll('g[aria-label="line"] path').length).toBe(2);
    expect(curves.querySelectorAll('g[aria-label="dot"] circle').length).toBe(6);
    expect(curves.documentElement.textContent).toContain("sex=M");
  });
});
