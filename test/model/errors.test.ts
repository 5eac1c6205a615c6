import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkModelFile, compileModelFile, ModelCompileError, type ModelError } from "../../src/model/index.ts";

const fixture = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

/** 1-based line/column of `token` on the first line of `file` containing `lineHint`. */
function at(file: string, lineHint: string, token: string): { line: number; column: number } {
  const lines = readFileSync(fixture(file), "utf8").split("\n");
  const i = lines.findIndex((l) => l.includes(lineHint));
  if (i < 0) throw new Error(`no line with ${lineHint}`);
  const col = lines[i].indexOf(token, lines[i].indexOf(lineHint) >= 0 ? 0 : 0);
  return { line: i + 1, column: col + 1 };
}

function find(problems: readonly ModelError[], code: string, text: string): ModelError {
  const p = problems.find((x) => x.code === code && x.message.includes(text));
  if (!p) throw new Error(`no ${code} mentioning ${text} in:\n${problems.map((x) => x.message).join("\n")}`);
  return p;
}

function expectAt(p: ModelError, file: string, pos: { line: number; column: number }): void {
  expect(p.position.file).toBe(fixture(file));
  expect({ line: p.position.line, column: p.position.column }).toEqual(pos);
}

describe("model check reports every problem with file:line:column", () => {
  it("undefined symbol, unknown function, unused parameter, state without rate, rate of an unknown state", () => {
    const f = "broken-symbols.yaml";
    const { problems, model } = checkModelFile(fixture(f));
    expect(model).toBeUndefined();
    expectAt(find(problems, "E_MODEL_UNDEFINED_SYMBOL", '"missingFactor"'), f, at(f, "flux:", "missingFactor"));
    expectAt(find(problems, "E_MODEL_UNKNOWN_FUNCTION", '"wobble"'), f, at(f, "shaped:", "wobble"));
    const unused = find(problems, "W_MODEL_UNUSED_PARAMETER", '"unusedGain"');
    expect(unused.severity).toBe("warning");
    expectAt(unused, f, at(f, "unusedGain:", "unusedGain"));
    expectAt(find(problems, "E_MODEL_STATE_NO_RATE", '"orphan"'), f, at(f, "orphan:", "orphan"));
    expectAt(find(problems, "E_MODEL_RATE_UNKNOWN_STATE", "ghost"), f, at(f, "ghost:", "ghost"));
    // k is used by flux even though flux is broken: no cascade of false warnings
    expect(problems.some((p) => p.message.includes('"k" is never used'))).toBe(false);
    expect(problems.filter((p) => p.severity === "error")).toHaveLength(4);
  });

  it("parameter metadata: missing fields, value outside range, bad evidence grade, bad source, narrow range, bad unit", () => {
    const f = "broken-parameters.yaml";
    const { problems } = checkModelFile(fixture(f));
    expectAt(find(problems, "E_MODEL_PARAMETER_FIELD", "noUnit: missing unit"), f, at(f, "noUnit:", "noUnit"));
    expectAt(find(problems, "E_MODEL_PARAMETER_FIELD", "noSource: missing source"), f, at(f, "noSource:", "noSource"));
    const outside = find(problems, "E_MODEL_OUT_OF_RANGE", "outside.value = 5");
    expect(outside.message).toContain("[0, 2]");
    expectAt(outside, f, at(f, "outside:", "5"));
    expectAt(find(problems, "E_MODEL_EVIDENCE", '"probable"'), f, at(f, "badGrade:", "probable"));
    const src = find(problems, "E_MODEL_SOURCE", '"jones1999"');
    expect(src.message).toContain("smith2020");
    expectAt(src, f, at(f, "badSource:", "jones1999"));
    expectAt(find(problems, "E_MODEL_RANGE_TOO_NARROW", "narrow"), f, at(f, "narrow:", "[0.9"));
    expectAt(find(problems, "E_MODEL_UNIT", '"furlongs"'), f, at(f, "badUnit:", "furlongs"));
    // YAML cut an unquoted description at its comma: "men" became a field with no value
    const cut = find(problems, "E_MODEL_SCHEMA", 'parameters.cutShort: unknown field "men"');
    expect(cut.message).toMatch(/unquoted comma/);
    expectAt(cut, f, at(f, "cutShort:", "men }"));
    expectAt(find(problems, "E_MODEL_SCHEMA", 'states.x: unknown field "inital"'), f, at(f, "x: { initial", "inital:"));
    // broken parameters are still declared: their uses in the rate are not "undefined"
    expect(problems.some((p) => p.code === "E_MODEL_UNDEFINED_SYMBOL")).toBe(false);
  });

  it("an assignment cycle is named in order", () => {
    const f = "broken-cycle.yaml";
    const { problems } = checkModelFile(fixture(f));
    const cycle = find(problems, "E_MODEL_CYCLE", "alpha");
    expect(cycle.message).toContain("alpha → gamma → beta → alpha");
    expectAt(cycle, f, at(f, "alpha:", "alpha"));
    expect(problems.filter((p) => p.severity === "error")).toHaveLength(1);
  });

  it("unit mismatches name the expression and both units", () => {
    const f = "broken-units.yaml";
    const { problems } = checkModelFile(fixture(f));
    const add = find(problems, "E_MODEL_UNIT_MISMATCH", "pressure + volume");
    expect(add.message).toMatch(/Pa.*m\^3/);
    expectAt(add, f, at(f, "mixed:", "pressure + volume"));
    expect(find(problems, "E_MODEL_UNIT_MISMATCH", "exp(pressure)").message).toContain("dimensionless");
    const declared = find(problems, "E_MODEL_UNIT_MISMATCH", "declaredWrong");
    expect(declared.message).toContain("mol m^-3 s^-1");
    expect(declared.message).toContain("declared unit mM");
    const rate = find(problems, "E_MODEL_UNIT_MISMATCH", 'rate of state "x"');
    expect(rate.message).toContain('"-k" has unit s^-1');
    expect(rate.message).toContain("mol m^-3 s^-1");
    expect(problems.filter((p) => p.severity === "error")).toHaveLength(4);
  });

  it("conversions between mass and amount are explicit: mg/dL reported as mmol/L without a molar mass is an error", () => {
    const f = "broken-molar.yaml";
    const { problems, model } = checkModelFile(fixture(f));
    expect(model).toBeUndefined();
    const molar = find(problems, "E_MODEL_UNIT_MISMATCH", 'output "glucoseMolar"');
    expect(molar.message).toContain("kg m^-3"); // mg/dL in SI
    expect(molar.message).toContain("declared unit mmol/L is mol m^-3");
    expectAt(molar, f, at(f, "glucoseMolar:", '"glucose"'));
    // same dimension, different scale (1/min × mg/dL reported per s) is converted, not an error
    expect(problems.filter((p) => p.severity === "error")).toHaveLength(1);
  });

  it("bad connect targets and sources, and connect unit mismatches", () => {
    const f = "broken-connect.yaml";
    const { problems } = checkModelFile(fixture(f));
    const units = find(problems, "E_MODEL_UNIT_MISMATCH", "connect snk.volumeIn");
    expect(units.message).toMatch(/mL.*Pa/);
    expectAt(units, f, at(f, "snk.volumeIn:", "snk.volumeIn"));
    expectAt(find(problems, "E_MODEL_CONNECT", '"snk.w"'), f, at(f, "snk.w:", "snk.w"));
    expectAt(find(problems, "E_MODEL_CONNECT", '"src.nothingHere"'), f, at(f, "snk.gain:", "src.nothingHere"));
  });

  it("YAML syntax errors and missing imports are positioned", () => {
    const y = checkModelFile(fixture("broken-yaml.yaml")).problems;
    expect(y[0].code).toBe("E_MODEL_YAML");
    expect(y[0].position.file).toBe(fixture("broken-yaml.yaml"));
    expect(y[0].position.line).toBeGreaterThanOrEqual(3);
    const f = "broken-import.yaml";
    const imp = find(checkModelFile(fixture(f)).problems, "E_MODEL_IMPORT", "does-not-exist.yaml");
    expectAt(imp, f, at(f, "does-not-exist", "{"));
  });

  it("compileModelFile throws one ModelCompileError listing all errors (an input error: CLI exit 2)", () => {
    let err: unknown;
    try {
      compileModelFile(fixture("broken-parameters.yaml"));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelCompileError);
    const e = err as ModelCompileError;
    expect(e.code).toBe("E_INPUT_MODEL");
    expect(e.message).toContain("9 error(s)");
    expect(e.problems.length).toBeGreaterThanOrEqual(7);
  });
});
