// bfrsim fit and bfrsim validate end to end through a child process, on seven single-session arms.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { compileModelFile } from "../../src/model/index.ts";

const bin = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));
const modelFile = fileURLToPath(new URL("../../models/bfr-ageing.yaml", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const bfrsim = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 120_000 });
const data = ["--arms", fixture("cli-arms.csv"), "--outcomes", fixture("cli-outcomes.csv")];

describe("bfrsim fit", () => {
  it("writes a parameter file with the estimate inside its range and the provenance of the rows fitted", () => {
    const out = join(mkdtempSync(join(tmpdir(), "bfrsim-fit-")), "mps.yaml");
    const r = bfrsim("fit", ...data, "--outcome-kinds", "protein_synthesis_rate", "--fit", "adaptation.mpsGain", "--grid", "3", "--out", out, "--quiet",
      "--grid-cache", mkdtempSync(join(tmpdir(), "bfrsim-grid-")));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/adaptation\.mpsGain\s+[0-9.]+\s+1\s/);
    const doc = parse(readFileSync(out, "utf8"));
    const p = doc.parameters["adaptation.mpsGain"];
    // inside the range the model declares (read from the model, so a widened range needs no edit here)
    const [lo, hi] = compileModelFile(modelFile).parameters.find((q) => q.name === "adaptation.mpsGain")!.range;
    expect(p.range).toEqual([lo, hi]);
    expect(p.value).toBeGreaterThanOrEqual(lo);
    expect(p.value).toBeLessThanOrEqual(hi);
    expect(doc.fit.n).toBe(2); // the two numeric MPS rows; direction-only and "other" rows are not fitted
    expect(doc.provenance.points).toEqual(["fry2010/bfr-ke/L2", "fujita2007/bfr-ke/L5"]);
    expect(doc.provenance.data.map((d: { sha256: string }) => d.sha256)).toHaveLength(2);
    expect(doc.provenance.description).toMatch(/--outcome-kinds protein_synthesis_rate --fit adaptation\.mpsGain --grid 3/);
    // the grid ran on worker threads; the model run in process at the estimate agrees with its surrogate
    const error = Number(/max \|surrogate − model\| at the estimate ([-0-9.e]+)/.exec(doc.provenance.description)![1]);
    expect(error).toBeLessThan(0.05);
  });

  it("an unknown parameter exits 2 with the closest names, before simulating anything (in process)", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "bfrsim-fit-")), "x.yaml");
    const { main } = await import("../../src/cli/main.ts");
    const err: string[] = [];
    const e = vi.spyOn(process.stderr, "write").mockImplementation((c) => (err.push(String(c)), true));
    let status: number;
    try {
      status = await main(["fit", ...data, "--fit", "adaptation.mpsGane", "--out", out]);
    } finally {
      e.mockRestore();
    }
    const r = { status, stderr: err.join("") };
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--fit = "adaptation\.mpsGane": expected a parameter of model .*closest: adaptation\.mpsGain/);
    expect(r.stderr).not.toMatch(/evaluations/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("bfrsim validate", () => {
  it("--json gives the out-of-sample comparison in compare's shape, every held-out row predicted", () => {
    const r = bfrsim("validate", ...data, "--fit", "adaptation.mpsGain", "--grid", "3", "--json", "--quiet", "--no-grid-cache", "--workers", "1");
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["rows", "summary"]);
    expect(out.rows).toHaveLength(6 + 3); // fry2010 and fujita2007 as in compare, pierce2006: 2 strength rows + 1 GH direction
    expect(out.rows.every((row: { simulated: number | null }) => row.simulated !== null)).toBe(true);
    expect(out.summary.n).toBe(9);
  });
});
