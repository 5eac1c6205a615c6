import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));
const EVALUATOR = fileURLToPath(new URL("./fixtures/ishigami-evaluator.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bfrsim-sweep-cli-"));

function bfrsim(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe("bfrsim sweep and merge from the command line", () => {
  it("runs a flag-only sweep as shards, merges them, and refuses to overwrite without --force", () => {
    const common = ["--set", "x1=-1:1:1", "--sample", "lhs:4", "--sample-var", "x2=-3..3", "--seed", "9", "--evaluator", EVALUATOR, "--workers", "1", "--quiet"];
    for (const k of [0, 1]) expect(bfrsim("sweep", ...common, "--shard", `${k}/2`, "--out", `s${k}.csv`).code).toBe(0);
    const merged = bfrsim("merge", "all.csv", "s0.csv", "s1.csv");
    expect(merged.code).toBe(0);
    expect(merged.stderr).toMatch(/12 rows from 2 shard/);
    const rows = readFileSync(join(dir, "all.csv"), "utf8").trim().split("\n");
    expect(rows.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const before = readFileSync(join(dir, "s0.csv"), "utf8");
    const again = bfrsim("sweep", ...common, "--shard", "0/2", "--out", "s0.csv");
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/use --resume to continue or --force to overwrite/);
    expect(readFileSync(join(dir, "s0.csv"), "utf8")).toBe(before);
  });

  it("exits 2 naming the field for a zero sample size, an empty range and a misspelt variable", () => {
    const zero = bfrsim("sweep", "--sample", "lhs:0", "--sample-var", "x2=0..1", "--evaluator", EVALUATOR, "--out", "z.csv");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/sample\.n = 0: expected a positive integer/);
    const empty = bfrsim("sweep", "--set", "x1=80:40:10", "--evaluator", EVALUATOR, "--out", "e.csv");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/variables\.x1\.step = 10: .*empty/);
    writeFileSync(join(dir, "typo.yaml"), "variables:\n  x1: [0, 1]\n  xx2: [1]\n");
    const typo = bfrsim("sweep", "typo.yaml", "--evaluator", EVALUATOR, "--out", "t.csv");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/variables\.xx2 .*did you mean "x2"\?/);
    expect(existsSync(join(dir, "t.csv.partial"))).toBe(false);
  });

  it("a failing point is listed at the end and the sweep still completes (exit 0)", () => {
    const r = bfrsim("sweep", "--set", "x1=98:100:1", "--evaluator", EVALUATOR, "--workers", "1", "--quiet", "--out", "f.csv");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 point\(s\) failed; their rows carry the error:\n {2}point 1: solver failed: step size underflow/);
  });
});

describe("bfrsim sweep of the BFR model refuses bad points before running", () => {
  it("a misspelt model parameter gets the closest name and an out-of-range protocol value is named; exit 2, nothing written", () => {
    const typo = bfrsim("sweep", "--set", "protocol.weeks=1", "--set", "cuff.diastolicKne=1,2", "--out", "bfr-typo.csv", "--quiet");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/variables\.cuff\.diastolicKne = "cuff\.diastolicKne": .*did you mean "cuff\.diastolicKnee"\?/);
    // 800 is the second value of the list: every factorial value is checked, not just point 0
    const range = bfrsim("sweep", "--set", "protocol.cuff.pressure.pctAop=40,800", "--set", "protocol.weeks=1", "--out", "bfr-range.csv", "--quiet");
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/protocol\.cuff\.pressure\.pctAop = 800: expected a number in \[0, 100\]/);
    for (const f of ["bfr-typo.csv", "bfr-typo.csv.partial", "bfr-typo.csv.manifest.json", "bfr-range.csv.partial"]) expect(existsSync(join(dir, f))).toBe(false);
  });
});
