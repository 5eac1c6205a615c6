// bfrsim compare end to end through a child process, on four single-session arms (fry2010, fujita2007).
// The fixture also holds pierce2006, left out here with --studies.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { compileModelFile } from "../../src/model/index.ts";

const bin = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));
const modelFile = fileURLToPath(new URL("../../models/bfr-ageing.yaml", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const bfrsim = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 120_000 });
const data = ["--arms", fixture("cli-arms.csv"), "--outcomes", fixture("cli-outcomes.csv"), "--studies", "fry2010,fujita2007"];

const ROW_KEYS = [
  "study_id", "arm_id", "outcome", "site", "time", "time_unit", "value_kind",
  "observed", "simulated", "residual", "z", "within", "direction_match",
];

describe("bfrsim compare", () => {
  it("--json writes exactly issue 6's object, with consistent residuals, z and within", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-compare-"));
    const svg = join(dir, "fig.svg");
    const r = bfrsim("compare", ...data, "--json", "--quiet", "--plot", svg);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["rows", "summary"]);
    expect(Object.keys(out.summary)).toEqual(["n", "rmse", "fraction_within", "direction_agreement", "spearman"]);
    // 2 numeric MPS rows + 4 direction-only rows with a model target; the 5 "other" rows are not compared
    expect(out.rows).toHaveLength(6);
    for (const row of out.rows) expect(Object.keys(row)).toEqual(ROW_KEYS);
    for (const row of out.rows.filter((x: { observed: number | null }) => x.observed !== null)) {
      expect(row.residual).toBeCloseTo(row.simulated - row.observed, 10);
    }
    const withSd = out.rows.find((x: { study_id: string; observed: number | null }) => x.study_id === "fry2010" && x.observed === 56);
    expect(withSd.z).toBeCloseTo(withSd.residual / 20, 10); // the fixture's invented SD of 20
    expect(withSd.within).toBe(Math.abs(withSd.residual) <= 40);
    const direction = out.rows.filter((x: { value_kind: string | null }) => x.value_kind === null);
    expect(direction).toHaveLength(4);
    for (const row of direction) {
      expect([row.observed, row.residual, row.z, row.within]).toEqual([null, null, null, null]);
      expect(typeof row.direction_match).toBe("boolean");
    }
    expect(out.summary.n).toBe(6);
    expect(out.summary.fraction_within).toBe(withSd.within ? 1 : 0);
    expect(out.summary.spearman).toBeNull(); // fewer than 3 % rows
    const pct = out.rows.filter((x: { value_kind: string | null }) => x.value_kind === "pct_change");
    expect(out.summary.rmse).toBeCloseTo(Math.sqrt(pct.reduce((s: number, x: { residual: number }) => s + x.residual ** 2, 0) / pct.length), 10);
    const figure = readFileSync(svg, "utf8");
    expect(figure).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(figure).toContain("fry2010 (1)");
    expect(figure).toContain("fujita2007 (1)");
  });

  it("bad data exits 2 before simulating, with file:line:column of each bad row", () => {
    const r = bfrsim("compare", "--arms", fixture("arms-bad.csv"), "--outcomes", fixture("outcomes-good.csv"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/arms-bad\.csv:\d+:\d+: /);
    expect(r.stdout).toBe("");
  });

  it("an unknown parameter in --params, study or flag exits 2 naming the closest names (in process: same dispatcher)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-compare-"));
    const params = join(dir, "p.yaml");
    writeFileSync(params, "adaptation.mpsGian: 1.2\n");
    const p = await inProcess("compare", ...data, "--params", params);
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/adaptation\.mpsGian.*closest: adaptation\.mpsGain/);
    writeFileSync(params, "parameters:\n  adaptation.mpsGain: { value: 99 }\n");
    const range = await inProcess("compare", ...data, "--params", params);
    expect(range.status).toBe(2);
    // the message must state the range the model declares (read from the model, not a literal)
    const [lo, hi] = compileModelFile(modelFile).parameters.find((q) => q.name === "adaptation.mpsGain")!.range;
    expect(hi).toBeLessThan(99);
    expect(range.stderr).toContain(`adaptation.mpsGain = 99: expected a value in its declared range [${lo}, ${hi}]`);
    const s = await inProcess("compare", ...data, "--studies", "fry2011");
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/--studies = "fry2011".*closest: fry2010/);
    const f = await inProcess("compare", "--jsno");
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/--jsno.*did you mean --json/);
    for (const r of [p, range, s, f]) expect(r.stdout).toBe("");
  });
});

/** Runs the CLI dispatcher in this process, capturing what it writes (for input errors: nothing is simulated). */
async function inProcess(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import("../../src/cli/main.ts");
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, "write").mockImplementation((c) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((c) => (err.push(String(c)), true));
  try {
    const status = await main(args);
    return { status, stdout: out.join(""), stderr: err.join("") };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
