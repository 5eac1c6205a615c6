import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ["bin/bfrsim.mjs", "model", ...args], { cwd: root, encoding: "utf8" });

describe("bfrsim model (end to end)", () => {
  it("check lists every error with its position and exits 2", () => {
    const r = run("check", "test/model/fixtures/broken-symbols.yaml");
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/broken-symbols\.yaml:10:26: .*undefined symbol "missingFactor" \[E_MODEL_UNDEFINED_SYMBOL\]/);
    expect(r.stdout).toMatch(/broken-symbols\.yaml:11:20: .*unknown function "wobble"/);
    expect(r.stdout).toMatch(/warning: parameter "unusedGain" is never used/);
    expect(r.stdout).toContain("4 error(s), 1 warning(s)");
  });

  it("export --sbml writes SBML Level 3 Version 2 to stdout", () => {
    const sbml = run("export", "--sbml", "models/examples/decay.yaml");
    expect(sbml.status).toBe(0);
    expect(sbml.stdout).toContain('level="3" version="2"');
    expect(sbml.stdout).toContain('<rateRule variable="concentration">');
  });
});
