// Bad flags are one-line InputErrors naming the flag, the value and what was expected — for every
// command, in-process (the commands throw before simulating anything).
import { describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../../src/errors.ts";
import { parseArgsFailure, parseFlags } from "../../src/cli/parse-flags.ts";
import { parseSweepFlags } from "../../src/cli/sweep.ts";
import { applySpecFlags } from "../../src/sweep/index.ts";
import { command as simulate } from "../../src/cli/simulate.ts";
import { command as fit } from "../../src/cli/fit.ts";
import { command as validate } from "../../src/cli/validate.ts";
import { command as optimise } from "../../src/cli/optimise.ts";
import { command as cohort } from "../../src/cli/cohort.ts";
import { command as power } from "../../src/cli/power.ts";
import { command as sensitivity } from "../../src/cli/sensitivity.ts";
import { loadModel } from "../../src/simulate/default-model.ts";
import { main } from "../../src/cli/main.ts";
import { checkPoint } from "../../src/sweep/simulate-evaluator.ts";

const bin = fileURLToPath(new URL("../../bin/bfrsim.mjs", import.meta.url));

/** The InputError `run` rejects with (fails the test when it resolves or throws anything else). */
async function inputError(run: () => unknown): Promise<InputError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("expected an InputError");
}

describe("bfrsim simulate flags", () => {
  it("an unknown flag names the closest one", async () => {
    const e = await inputError(() => simulate.run(["--protcol", "low-load"]));
    expect(e.value).toBe("--protcol");
    expect(e.message).toMatch(/did you mean --protocol\?/);
  });

  it("a flag without its value, a switch given a value and a stray argument each say so", async () => {
    const missing = await inputError(() => simulate.run(["--out"]));
    expect(missing.field).toBe("--out");
    expect(missing.expected).toMatch(/a value after the flag/);
    const sw = await inputError(() => simulate.run(["--summary=yes"]));
    expect(sw.field).toBe("--summary");
    expect(sw.value).toBe("yes");
    const stray = await inputError(() => simulate.run(["extra"]));
    expect(stray.value).toBe("extra");
    expect(stray.expected).toMatch(/no positional arguments/);
  });

  it("exits 2 with one line and no stack trace from the command line", () => {
    const r = spawnSync(process.execPath, [bin, "simulate", "--protcol", "low-load"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--protcol.*did you mean --protocol/);
    expect(r.stderr).not.toMatch(/at .*:\d+:\d+/);
  });

  it("every model parameter --help uses as an example exists in the default model", () => {
    const examples = [...simulate.usage.matchAll(/--set (\w+\.[\w.]+)=/g)].map((m) => m[1]!).filter((n) => !/^(protocol|subject)\./.test(n));
    expect(examples.length).toBeGreaterThan(0);
    const model = loadModel();
    for (const name of examples) expect(model.index.parameters, name).toHaveProperty([name]);
  });
});

describe("parseFlags (simulate, compare, fit, validate)", () => {
  const options = { sigma: { type: "string" }, json: { type: "boolean" } } as const;

  it("passes a negative number to the flag instead of taking it for an option", () => {
    expect(parseFlags(["--sigma", "-1"], options, "x").values.sigma).toBe("-1");
    expect(parseFlags(["--sigma", "-0.5", "--json"], options, "x").values).toEqual({ sigma: "-0.5", json: true });
  });

  it("negative values reach the fitting commands' own range checks", async () => {
    const sigma = await inputError(() => fit.run(["--fit", "adaptation.mpsGain", "--default-sigma", "-1"]));
    expect(sigma.field).toBe("--default-sigma");
    expect(sigma.value).toBe("-1");
    const grid = await inputError(() => validate.run(["--fit", "adaptation.mpsGain", "--grid", "-2"]));
    expect(grid.field).toBe("--grid");
    expect(grid.expected).toMatch(/integer ≥ 3/);
  });

  it("an unknown value kind names --value-kinds and the kinds the data use (was: fit.points = 0)", async () => {
    const e = await inputError(() => fit.run(["--fit", "adaptation.mpsGain", "--value-kinds", "pct_chnage", "--quiet"]));
    expect(e.field).toBe("--value-kinds");
    expect(e.message).toMatch(/did you mean "pct_change"/);
  });

  it("a missing value is not reported as an unknown flag", () => {
    expect(() => parseFlags(["--sigma"], options, "x")).toThrow(/--sigma = null: expected a value after the flag/);
  });

  it("parseArgsFailure recognises node's parse errors only", () => {
    const err = Object.assign(new TypeError("Unknown option '--zz'\nmore"), { code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" });
    expect(parseArgsFailure(err)).toBe("Unknown option '--zz'");
    expect(parseArgsFailure(new TypeError("x"))).toBeUndefined();
  });
});

describe("sweep-backed commands' flags", () => {
  it("an unknown flag names the closest run flag or own flag", () => {
    expect(() => parseSweepFlags(["--worker", "2"], "sweep")).toThrow(/"--worker".*did you mean --workers\?/);
    expect(() => parseSweepFlags(["--member", "3"], "cohort", { "--members": true })).toThrow(/did you mean --members\?/);
  });

  it("a sample size that is not a number names --sample and its text (not sample.n = NaN)", () => {
    expect(() => applySpecFlags({}, { sample: "lhs:abc", sampleVars: ["x=0..1"] })).toThrow(/--sample = "lhs:abc": expected "lhs:N" with N a whole number/);
    expect(applySpecFlags({}, { sample: "sobol:8", sampleVars: ["x=0..1"] }).sample).toMatchObject({ method: "sobol", n: 8 });
  });

  it("a flag followed by another flag has no value (not an output file named --quiet)", () => {
    expect(() => parseSweepFlags(["--out", "--quiet"], "sweep")).toThrow(/--out = "--quiet": expected a value after the flag/);
  });

  it("optimise refuses a bad --top or --hill before running the sweep", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-opt-"));
    const out = join(dir, "o.csv");
    const base = ["--objective", "programme.adaptation.csaChangePct.final", "--set", "protocol.weeks=1,2", "--out", out, "--quiet"];
    const top = await inputError(() => optimise.run([...base, "--top", "0"]));
    expect(top.field).toBe("--top");
    const hill = await inputError(() => optimise.run([...base, "--hill", "protocol.week"]));
    expect(hill.field).toBe("--hill");
    expect(hill.message).toMatch(/did you mean "protocol\.weeks"/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(out + ".partial")).toBe(false);
  });

  it("sensitivity names --n and --levels for a design it cannot build (was: sample.n, sample.levels)", async () => {
    const n = await inputError(() => sensitivity.run(["--module", "cuff", "--n", "1"]));
    expect(n.field).toBe("--n");
    expect(n.expected).toMatch(/≥ 2/);
    const levels = await inputError(() => sensitivity.run(["--module", "cuff", "--levels", "3"]));
    expect(levels.field).toBe("--levels");
  });

  it("cohort and power refuse the sweep flags they would ignore (--subject, --seed, --evaluator)", async () => {
    const subject = await inputError(() => cohort.run(["--subject", "older-man"]));
    expect(subject.field).toBe("--subject");
    expect(subject.expected).toMatch(/--population/);
    const seed = await inputError(() => power.run(["--arms", "protocol.cuff.pressure.pctAop=40,80", "--outcome", "sessionMean.exerkines.il6.iaucHours", "--seed", "3"]));
    expect(seed.field).toBe("--seed");
    expect(seed.expected).toMatch(/--cohort-seed/);
    const evaluator = await inputError(() => cohort.run(["--evaluator", "./x.ts"]));
    expect(evaluator.field).toBe("--evaluator");
    for (const c of [cohort, power]) expect(c.usage).not.toMatch(/--subject/);
  });
});

describe("bfrsim dispatcher", () => {
  it("a misspelt command exits 2 naming the closest command", async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      expect(await main(["optimize"])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(written.join("")).toMatch(/unknown command "optimize" \(did you mean "optimise"\?\)/);
  });

  it("bfrsim help COMMAND prints that command's usage", async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    try {
      expect(await main(["help", "merge"])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(out.join("")).toMatch(/Usage: bfrsim merge OUT SHARD/);
  });

  it("power's --help lists every flag power accepts", () => {
    expect(power.usage).toMatch(/--outcomes A,B/);
  });
});

describe("values in error messages", () => {
  it("a file that is not a mapping is named briefly, not quoted whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-subj-"));
    const file = join(dir, "notes.txt");
    writeFileSync(file, "this is not a subject; ".repeat(40));
    const e = await inputError(() => simulate.run(["--subject", file]));
    expect(e.message.length).toBeLessThan(400);
    expect(e.message).toMatch(/…" \(\d+ characters\): expected an object/);
  });

  it("two --set of one sweep variable are refused instead of the second silently replacing the first", () => {
    expect(() => applySpecFlags({}, { set: ["protocol.cuff.pressure.pctAop=40", "protocol.cuff.pressure.pctAop=50"] })).toThrow(
      /--set protocol\.cuff\.pressure\.pctAop = "50": expected one --set per variable/,
    );
    expect(applySpecFlags({ variables: { a: [1] } }, { set: ["a=2,3"] }).variables).toEqual({ a: [2, 3] }); // a flag still replaces the spec file's value
  });
});

describe("model parameter overrides of the wrong sign", () => {
  it("a negative value of a parameter declared non-negative is refused before the solve (was: a warning, then numbers)", async () => {
    const e = await inputError(() => simulate.run(["--set", "aop=-5"]));
    expect(e.field).toBe("parameters.aop");
    expect(e.value).toBe(-5);
    expect(e.expected).toMatch(/≥ 0 mmHg/);
  });

  it("a sweep refuses it up front, naming the parameter (checkPoint runs before anything is written)", () => {
    expect(() => checkPoint({ "exerkines.il6ClearanceRate": -1 }, null)).toThrow(/parameters\.exerkines\.il6ClearanceRate = -1: expected a value ≥ 0/);
    expect(() => checkPoint({ "exerkines.il6ClearanceRate": 2 }, null)).not.toThrow(); // beyond the range is allowed (warned when run)
  });
});
