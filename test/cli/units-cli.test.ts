// Units in what the sweep-backed commands print and draw, end to end through child processes on
// one-week programmes (seconds): sweep --plot axes, optimise --from, cohort tables, power.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { bfrsimIn } from "../support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "bfrsim-units-cli-"));
const bfrsim = bfrsimIn(dir);
const CSA = "programme.adaptation.csaChangePct.final";
const IL6 = "sessionMean.exerkines.il6.iaucHours";
const PRESSURE = "protocol.cuff.pressure.pctAop";

describe("units in the CLI's tables and figures", () => {
  it("bfrsim sweep --plot labels the outcome axis and the swept variable with their units; optimise prints them", () => {
    const r = bfrsim("sweep", "--set", "protocol.sessionsPerWeek=2,3", "--set", "protocol.weeks=1", "--plot", "s.svg",
      "--plot-outcome", CSA, "--workers", "1", "--quiet", "--out", "s.csv");
    expect(r.code, r.stderr).toBe(0);
    const doc = parseHTML(`<html><body>${readFileSync(join(dir, "s.svg"), "utf8")}</body></html>`).document;
    const label = (axis: string) => [...doc.querySelectorAll(`g[aria-label="${axis}-axis label"] text`)].map((t) => t.textContent);
    expect(label("y")).toEqual([`${CSA} (%)`]);
    expect(label("x")).toEqual(["protocol.sessionsPerWeek (sessions/week)"]);

    const o = bfrsim("optimise", "--from", "s.csv", "--objective", CSA, "--constraint", "sessionMean.safety.discomfort.peak<=10");
    expect(o.code, o.stderr).toBe(0);
    expect(o.stdout).toContain(`maximum of ${CSA} (%) over 2 rows`);
    expect(o.stdout).toMatch(new RegExp(`${CSA.replace(/\./g, "\\.")} = [0-9.]+ % at point`));
    expect(o.stdout).toMatch(/protocol\.sessionsPerWeek = [23] sessions\/week/);
    expect(o.stdout).toMatch(/sessionMean\.safety\.discomfort\.peak = [0-9.]+ \(0-10\)/);
  });

  it("bfrsim cohort's summary table has a unit column; bfrsim power states the outcome's and the arms' units", () => {
    const c = bfrsim("cohort", "--members", "2", "--set", "protocol.weeks=1", "--set", `${PRESSURE}=40,80`,
      "--report", `${CSA},${IL6},sessionMean.energetics.pH.nadir`, "--workers", "1", "--quiet", "--out", "c.csv");
    expect(c.code, c.stderr).toBe(0);
    const lines = c.stdout.split("\n");
    const header = lines.find((l) => l.startsWith("outcome"))!;
    expect(header.split(/\s+/).slice(0, 3)).toEqual(["outcome", "unit", "mean"]);
    const unitOf = (name: string) => lines.find((l) => l.startsWith(`${name} `))!.split(/\s+/)[1];
    expect(unitOf(CSA)).toBe("%");
    expect(unitOf(IL6)).toBe("fold·h");
    // pH is dimensionless: an empty unit cell, so the next cell is the mean (a number)
    expect(Number.isFinite(Number(unitOf("sessionMean.energetics.pH.nadir")))).toBe(true);

    const p = bfrsim("power", "--from", "c.csv", "--arms", `${PRESSURE}=40,80`, "--outcome", IL6, "--n-per-arm", "2,4", "--replicates", "20");
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain(`${IL6} (fold·h) by ${PRESSURE} (%AOP)`);
    expect(p.stdout).toMatch(/pctAop 40 vs 80: mean [0-9.]+ fold·h \(SD [0-9.]+\) vs [0-9.]+ fold·h \(SD [0-9.]+\), difference -?[0-9.]+ fold·h/);
  });

  it("bfrsim compare --rows gives each trial row the unit its value is reported in (data/trials/outcomes.csv)", () => {
    const r = bfrsim("compare", "--studies", "ozaki2011", "--rows", "--quiet");
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    const header = lines.find((l) => l.startsWith("study/arm") && l.includes("residual"))!.split(/\s+/);
    expect(header.slice(header.indexOf("kind"), header.indexOf("kind") + 3)).toEqual(["kind", "unit", "observed"]);
    const cells = (arm: string, outcome: string) => lines.find((l) => l.startsWith(`ozaki2011/${arm} `) && l.includes(` ${outcome} `) && l.includes("weeks"))!.split(/\s+/);
    const unitAfterKind = (c: string[]) => c[c.indexOf("weeks") + 2];
    // Ozaki 2011 reports thigh CSA as a % change and VO2peak as an absolute change in mL/kg/min
    expect(unitAfterKind(cells("bfr-walk", "muscle_csa"))).toBe("%");
    expect(unitAfterKind(cells("bfr-walk", "vo2peak"))).toBe("mL/kg/min");
    // the per-study table: a mean residual's unit beside it
    const groupHeader = lines.find((l) => l.startsWith("study ") && l.includes("mean resid"))!.split(/\s{2,}/);
    expect(groupHeader[groupHeader.indexOf("mean resid") + 1]).toBe("unit");
    const csaGroup = lines.find((l) => /^ozaki2011\s+muscle_csa\s/.test(l))!.split(/\s+/);
    expect(csaGroup[groupHeader.indexOf("mean resid") + 1]).toBe("%");
  });

  it("bfrsim validate heads each fitted parameter's column with its declared unit", () => {
    const fixture = (name: string) => fileURLToPath(new URL(`../trials/fixtures/${name}`, import.meta.url));
    const r = bfrsim("validate", "--arms", fixture("cli-arms.csv"), "--outcomes", fixture("cli-outcomes.csv"),
      "--fit", "adaptation.mpsTimeConstant", "--grid", "3", "--quiet", "--no-grid-cache", "--workers", "1");
    expect(r.code, r.stderr).toBe(0);
    // mpsTimeConstant is declared in h (models/modules/adaptation.yaml)
    expect(r.stdout).toMatch(/held out\s+fitted rows\s+own rows\s+adaptation\.mpsTimeConstant \(h\)/);
    expect(r.stdout).toMatch(/all rows: adaptation\.mpsTimeConstant = [0-9.]+ h /);
  });

  it("bfrsim sensitivity states the unit of the Morris effects and labels the figure's axis with it", () => {
    const r = bfrsim("sensitivity", "--params", "aop,adaptation.mpsTimeConstant", "--n", "2", "--set", "protocol.weeks=1",
      "--report", `${CSA},${IL6}`, "--workers", "1", "--quiet", "--out", "m.csv", "--plot", "m.svg");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${CSA} (2 trajectories; μ*, μ, σ in %)`);
    expect(r.stdout).toContain(`${IL6} (2 trajectories; μ*, μ, σ in fold·h)`);
    const doc = parseHTML(`<html><body>${readFileSync(join(dir, "m.svg"), "utf8")}</body></html>`).document;
    const labels = [...doc.querySelectorAll('g[aria-label="x-axis label"] text')].map((t) => t.textContent);
    expect(labels).toEqual([`μ*, σ (tick): ${CSA} (%)`, `μ*, σ (tick): ${IL6} (fold·h)`]);
  });
});
