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

  it("show prints the parameter table; doc renders equations from the trees; export writes SBML", () => {
    const show = run("show", "models/examples/decay.yaml");
    expect(show.status).toBe(0);
    expect(show.stdout).toMatch(/halfLife\s+30\s+min\s+\[10, 120\]\s+speculative\s+assumed:/);
    const doc = run("doc", "models/examples/michaelis-menten.yaml");
    expect(doc.status).toBe(0);
    expect(doc.stdout).toContain("$$\\frac{d\\,\\mathrm{substrate}}{dt} = ");
    expect(doc.stdout).toContain("\\mathrm{vmax}");
    expect(doc.stdout).toMatch(/\| `km` \| 0\.5 \| mM \| \[0\.1, 2\] \| speculative \|/);
    const sbml = run("export", "--sbml", "models/examples/decay.yaml");
    expect(sbml.status).toBe(0);
    expect(sbml.stdout).toContain('level="3" version="2"');
    expect(sbml.stdout).toContain('<rateRule variable="concentration">');
  });
});
