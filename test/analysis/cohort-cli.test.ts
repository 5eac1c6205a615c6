import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-cohort-cli-"));

function bfrsim(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

const DISCOMFORT = "sessionMean.safety.discomfort.peak";

describe("bfrsim cohort and bfrsim power from the command line", () => {
  it("simulates the same virtual women at 40 and 80 %AOP, reports distributions, and power reads the rows back", () => {
    // one-week programmes keep the test to seconds; 5 members × 2 arms
    const r = bfrsim("cohort", "--members", "5", "--population", "older-women", "--set", "protocol.weeks=1",
      "--set", "protocol.cuff.pressure.pctAop=40,80", "--report", `${DISCOMFORT},programme.adaptation.csaChangePct.final`,
      "--responder", `${DISCOMFORT}>5`, "--workers", "2", "--quiet", "--out", "c.csv");
    expect(r.stderr).toMatch(/complete: 10 rows in c\.csv/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/arm protocol\.weeks=1 protocol\.cuff\.pressure\.pctAop=40: 5 members, 0 failed/);
    const summary = JSON.parse(readFileSync(join(dir, "c.csv.summary.json"), "utf8"));
    expect(summary.arms).toHaveLength(2);
    const [low, high] = summary.arms.map((a: { outcomes: Record<string, { mean: number; n: number; responderFraction: number }> }) => a.outcomes[DISCOMFORT]);
    expect(low.n).toBe(5);
    // model spec behaviour: discomfort rises steeply with cuff pressure, for every member
    expect(high.mean).toBeGreaterThan(1.5 * low.mean);
    expect(high.responderFraction).toBeGreaterThanOrEqual(low.responderFraction);
    // correlations of each reported outcome with the member characteristics, within [-1, 1]
    const corr = summary.arms[1].correlates[DISCOMFORT];
    expect(Object.keys(corr)).toEqual(expect.arrayContaining(["cohort.ageYr", "cohort.aopMmHg", "cohort.oneRepMaxKg"]));
    for (const r of Object.values(corr) as number[]) if (Number.isFinite(r)) expect(Math.abs(r)).toBeLessThanOrEqual(1);
    // the same people in both arms: member characteristics match row for row
    const rows = readFileSync(join(dir, "c.csv"), "utf8").trim().split("\n");
    const header = rows[0].split(",");
    const age = header.indexOf("cohort.ageYr");
    const ages = rows.slice(1).map((l) => l.split(",")[age]);
    expect(ages.slice(0, 5)).toEqual(ages.slice(5));
    expect(new Set(ages).size).toBe(5);

    const p = bfrsim("power", "--from", "c.csv", "--arms", "protocol.cuff.pressure.pctAop=40,80", "--outcome", DISCOMFORT,
      "--n-per-arm", "3,6", "--replicates", "400");
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/pctAop 40 vs 80: mean/);
    const power = JSON.parse(readFileSync(join(dir, "c.csv.power.json"), "utf8"));
    const pts = power.comparisons[0].curve.points;
    expect(pts.map((x: { nPerArm: number }) => x.nPerArm)).toEqual([3, 6]);
    expect(pts[1].simulated.power).toBeGreaterThanOrEqual(pts[0].simulated.power - 0.05);
  });

  it("bad input exits 2 naming the field, before anything runs", () => {
    const noArms = bfrsim("power", "--outcome", DISCOMFORT, "--out", "x.csv");
    expect(noArms.code).toBe(2);
    expect(noArms.stderr).toMatch(/--arms/);
    const typo = bfrsim("power", "--from", "c.csv", "--arms", "protocol.cuff.pressure.pctAop=40,80", "--outcome", "sessionMean.safety.discomfort.peek");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean "sessionMean\.safety\.discomfort\.peak"/);
    const report = bfrsim("cohort", "--report", "sessionMean.safety.discomfort.peek", "--out", "r.csv");
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/--report = "sessionMean\.safety\.discomfort\.peek".*did you mean "sessionMean\.safety\.discomfort\.peak"/);
    const pop = bfrsim("cohort", "--population", "older-woman", "--out", "z.csv");
    expect(pop.code).toBe(2);
    expect(pop.stderr).toMatch(/population = "older-woman".*did you mean "older-women"/);
  });
});
