import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { command } from "../../src/cli/model.ts";

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

describe("bfrsim model show|doc|export --python (in process, written with --out)", () => {
  const dir = mkdtempSync(join(tmpdir(), "bfrsim-model-cli-"));
  const decay = join(root, "models/examples/decay.yaml");
  const runTo = async (name: string, ...args: string[]) => {
    const out = join(dir, name);
    expect(await command.run([...args, decay, "--out", out])).toBe(0);
    return readFileSync(out, "utf8");
  };

  it("show tables the parameters with unit, range, evidence and source", async () => {
    expect(await runTo("show.txt", "show")).toMatch(/halfLife\s+30\s+min\s+\[10, 120\]\s+speculative\s+assumed:/);
  });

  it("doc writes the equations as LaTeX and the parameter table", async () => {
    const md = await runTo("doc.md", "doc");
    expect(md).toContain("\\frac{d\\,\\mathrm{concentration}}{dt}");
    expect(md).toMatch(/\| `halfLife` \| 30 \| min \|/);
  });

  it("export --python writes a module with the rhs and the default parameters (SI)", async () => {
    const py = await runTo("decay.py", "export", "--python");
    expect(py).toMatch(/def rhs\(t, y, p, u\)/);
    expect(py).toContain("1800"); // halfLife 30 min in s
  });

  it("an unknown export format is an input error naming the accepted ones", async () => {
    await expect(command.run(["export", decay])).rejects.toThrow(/--sbml or --python/);
    await expect(command.run(["export", "--sbm", decay])).rejects.toThrow(/"--sbm".*--sbml, --python/);
  });

  it("doc --preamble puts a hand-written page before the generated one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-preamble-"));
    const pre = join(dir, "overview.md");
    writeFileSync(pre, "# Overview\n\nCausal diagram here.\n");
    const md = await runTo("doc-pre.md", "doc", "--preamble", pre);
    expect(md.startsWith("# Overview\n\nCausal diagram here.\n\n")).toBe(true);
    expect(md.indexOf("halfLife")).toBeGreaterThan(md.indexOf("Causal diagram"));
    await expect(command.run(["doc", decay, "--preamble", join(dir, "missing.md")])).rejects.toThrow(/--preamble = ".*missing\.md": expected an existing Markdown file/);
  });

  it("an option the subcommand does not take is refused, not ignored", async () => {
    await expect(command.run(["show", "--sbml", decay])).rejects.toThrow(/model show option = "--sbml"/);
    await expect(command.run(["doc", decay, "--out"])).rejects.toThrow(/a file path after --out/);
  });
});

