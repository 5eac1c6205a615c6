// `bfrsim simulate --plot` end to end through a child process, as a user runs it.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));
const bfrsim = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 120_000 });

describe("bfrsim simulate --plot", () => {
  it("writes one SVG with the session and programme panels, units on axes and a caption with model hash and protocol", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-plot-"));
    const fig = join(dir, "fig.svg");
    const out = join(dir, "run.json");
    const r = bfrsim("simulate", "--protocol", "low-load", "--set", "protocol.weeks=2", "--summary", "--out", out, "--plot", fig);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const svg = readFileSync(fig, "utf8");
    const manifest = JSON.parse(readFileSync(out + ".manifest.json", "utf8"));
    expect(svg).toContain(manifest.model.contentHash.slice(0, 12));
    expect(svg).toContain("protocol low-load");
    expect(svg).toContain("Session 1 · Phosphocreatine");
    expect(svg).toContain("Programme · Muscle cross-sectional area");
    expect(svg).toContain("time from programme start (weeks)");
    expect(svg).toContain("PCr (mM)");
  });

  it("a --plot name that is neither .svg nor .png exits 2 before simulating, naming the option", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-plot-"));
    const out = join(dir, "run.csv");
    const r = bfrsim("simulate", "--out", out, "--plot", join(dir, "fig.pdf"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--plot/);
    expect(r.stderr).toMatch(/fig\.pdf/);
    expect(existsSync(out)).toBe(false);
  });
});
