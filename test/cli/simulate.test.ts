// End to end through a child process, as a user runs it.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));
const bfrsim = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 120_000 });

describe("bfrsim simulate", () => {
  it("runs a preset, prints outcomes with units and writes the time series with a manifest", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-"));
    const out = join(dir, "run.csv");
    const r = bfrsim("simulate", "--protocol", "low-load", "--set", "protocol.weeks=2", "--out", out);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/per-session outcome\s+unit/);
    expect(r.stdout).toMatch(/muscle CSA change\s+%/);
    const [header, first] = readFileSync(out, "utf8").split("\n");
    expect(header!.startsWith("time_s,")).toBe(true);
    expect(header).toMatch(/energetics\.pcr \[mM\]/);
    expect(first!.split(",")).toHaveLength(header!.split(",").length);
    const manifest = JSON.parse(readFileSync(out + ".manifest.json", "utf8"));
    expect(manifest.model.contentHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(manifest.protocol.weeks).toBe(2);
  });

  it("bad input exits 2 with a message naming the field, and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-"));
    const out = join(dir, "run.csv");
    const r = bfrsim("simulate", "--set", "protocol.cuff.pressure.pctAop=150", "--out", out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pctAop/);
    expect(r.stderr).toMatch(/150/);
    expect(existsSync(out)).toBe(false);
    const unknown = bfrsim("simulate", "--protocol", "no-such-protocol");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no-such-protocol/);
  });

  it("an output file that cannot be written is refused before anything is simulated", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-"));
    const missingDir = join(dir, "no-such-dir", "run.csv");
    const r = bfrsim("simulate", "--out", missingDir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--out = ${JSON.stringify(missingDir)}`);
    expect(r.stderr).toMatch(/does not exist/);
    expect(r.stdout).not.toMatch(/per-session outcome/); // refused up front, not after the solve
    const plotIsDir = bfrsim("simulate", "--plot", join(dir, "fig.svg"), "--out", dir + "/");
    expect(plotIsDir.status).toBe(2);
    expect(plotIsDir.stderr).toMatch(/--out/);
    expect(plotIsDir.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });
});

describe("bfrsim simulate, a run that fails", () => {
  it("keeps the series computed before the failure in --out, with the manifest saying failed", async () => {
    const { command } = await import("../../src/cli/simulate.ts");
    const { SimulationError } = await import("../../src/simulate/simulate.ts");
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-"));
    const out = join(dir, "partial.csv");
    const model = fileURLToPath(new URL("./fixtures/runaway.yaml", import.meta.url)); // x' = k x², infinite at t = 1 day
    await expect(command.run(["--model", model, "--set", "protocol.weeks=1", "--out", out])).rejects.toBeInstanceOf(SimulationError);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("time_s,x [1]");
    const last = lines[lines.length - 1]!.split(",").map(Number);
    expect(last[0]).toBeGreaterThan(0.9 * 86400); // most of the first day was solved…
    expect(last[0]).toBeLessThan(7 * 86400); // …not the whole week
    const early = lines.find((l) => l.startsWith("43200,"))!.split(",").map(Number);
    expect(early[1]).toBeCloseTo(2, 3); // x(t) = 1 / (1 − t/day): 2 at half a day
    expect(JSON.parse(readFileSync(out + ".manifest.json", "utf8")).status).toBe("failed");
  });
});

describe("bfrsim simulate --set aop", () => {
  it("says that the cuff pressure is still prescribed from the subject's AOP when the model's aop is overridden", async () => {
    const { vi } = await import("vitest");
    const { command } = await import("../../src/cli/simulate.ts");
    const printed = async (args: string[]): Promise<string> => {
      const out: string[] = [];
      const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
      try {
        await command.run(args);
      } finally {
        spy.mockRestore();
      }
      return out.join("");
    };
    const overridden = await printed(["--set", "protocol.weeks=1", "--set", "aop=250", "--summary"]);
    expect(overridden).toMatch(/note: the model's aop is 250 mmHg, but the cuff pressure \(%AOP\) is prescribed from the subject's AOP \d+ mmHg/);
    expect(await printed(["--set", "protocol.weeks=1", "--summary"])).not.toMatch(/note: the model's aop/);
  });
});
