import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import type { CompiledModel, ParameterInfo } from "../../src/model/types.ts";
import { compareRow } from "../../src/trials/compare.ts";
import { groupComparison, largestMisses, rubricCounts } from "../../src/trials/comparison-groups.ts";
import { loadTrials } from "../../src/trials/load.ts";
import { mapTrials } from "../../src/trials/mapping.ts";
import { checkParameterValues, fitParametersFromModel, readParameterValues } from "../../src/trials/parameter-selection.ts";
import { selectTrialRows, splitList } from "../../src/trials/row-selection.ts";
import type { TrialOutcome } from "../../src/trials/schema.ts";

const trials = mapTrials(loadTrials());

const param = (name: string, value: number, range: [number, number], unit = "1") =>
  ({ name, value, range, unit, index: 0, source: "assumed: test", evidence: "limited", scale: 1, internalValue: value, file: "x" }) as unknown as ParameterInfo;
const model = {
  name: "toy",
  parameters: [param("adaptation.mpsGain", 0.9, [0.45, 1.8]), param("adaptation.neuralMax", 0.5, [0.25, 1]), param("cuff.aop", 180, [100, 260], "mmHg")],
} as unknown as CompiledModel;

describe("selecting trial rows", () => {
  it("keeps rows by study, outcome kind pattern, design and model output, and never drops arms", () => {
    const s = selectTrialRows(trials, { studies: ["ozaki2011", "fry2010"], outcomes: ["muscle_*", "protein_synthesis_rate"] });
    expect(new Set(s.outcomes.map((o) => o.row.studyId))).toEqual(new Set(["ozaki2011", "fry2010"]));
    expect(s.outcomes.every((o) => o.row.outcome.startsWith("muscle_") || o.row.outcome === "protein_synthesis_rate")).toBe(true);
    expect(s.outcomes.length).toBe(
      trials.outcomes.filter((o) => ["ozaki2011", "fry2010"].includes(o.row.studyId) && (o.row.outcome.startsWith("muscle_") || o.row.outcome === "protein_synthesis_rate")).length,
    );
    expect(s.arms).toBe(trials.arms);
    const acute = selectTrialRows(trials, { designs: ["acute"], excludeStudies: ["fry2010"] });
    const acuteArms = new Set(trials.arms.filter((a) => a.arm.design === "acute").map((a) => a.key));
    expect(acute.outcomes.length).toBeGreaterThan(0);
    expect(acute.outcomes.every((o) => acuteArms.has(o.armKey) && o.row.studyId !== "fry2010")).toBe(true);
    const csa = selectTrialRows(trials, { targets: ["adaptation.csaChangePct"] });
    expect(csa.outcomes.every((o) => o.target?.output === "adaptation.csaChangePct")).toBe(true);
    expect(selectTrialRows(trials, {}).outcomes).toEqual(trials.outcomes);
  });

  it("names the closest known study, outcome kind or output for a misspelt one", () => {
    expect(() => selectTrialRows(trials, { studies: ["ozaki2012"] })).toThrow(/--studies = "ozaki2012".*closest: ozaki2011/);
    expect(() => selectTrialRows(trials, { outcomes: ["muscle_cas"] })).toThrow(/closest: muscle_csa/);
    expect(() => selectTrialRows(trials, { outcomes: ["strenght_*"] })).toThrow(InputError);
    expect(() => selectTrialRows(trials, { designs: ["chronic"] })).toThrow(/--design/);
    expect(() => selectTrialRows(trials, { targets: ["adaptation.csa"] })).toThrow(/--targets = "adaptation.csa": expected a model output .*closest: .*adaptation\.csaChangePct/);
    expect(splitList(" a, b,,c ")).toEqual(["a", "b", "c"]);
  });
});

describe("parameters from the model", () => {
  it("fits named parameters from their defaults within their declared ranges", () => {
    expect(fitParametersFromModel(model, ["adaptation.mpsGain", "cuff.aop"])).toEqual([
      { name: "adaptation.mpsGain", initial: 0.9, range: [0.45, 1.8], unit: "1" },
      { name: "cuff.aop", initial: 180, range: [100, 260], unit: "mmHg" },
    ]);
  });

  it("an unknown name lists the closest names; a repeat or an empty list is refused", () => {
    expect(() => fitParametersFromModel(model, ["adaptation.mpsGian"])).toThrow(/--fit = "adaptation.mpsGian".*closest: adaptation\.mpsGain/);
    expect(() => fitParametersFromModel(model, ["neuralMax"])).toThrow(/closest: adaptation\.neuralMax/);
    expect(() => fitParametersFromModel(model, ["cuff.aop", "cuff.aop"])).toThrow(/each parameter once/);
    expect(() => fitParametersFromModel(model, [])).toThrow(InputError);
  });

  it("reads a fit's parameter file or a plain mapping, checking names and ranges", () => {
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-params-"));
    const fitFile = join(dir, "fit.yaml");
    writeFileSync(fitFile, "provenance: { date: x }\nparameters:\n  adaptation.mpsGain: { value: 1.2, se: 0.1 }\n");
    expect(readParameterValues(fitFile, model)).toEqual({ "adaptation.mpsGain": 1.2 });
    const plain = join(dir, "plain.json");
    writeFileSync(plain, JSON.stringify({ "cuff.aop": 150 }));
    expect(readParameterValues(plain, model)).toEqual({ "cuff.aop": 150 });
    writeFileSync(plain, JSON.stringify({ "cuff.aop": "high" }));
    expect(() => readParameterValues(plain, model)).toThrow(/cuff\.aop = "high": expected a number/);
    expect(() => readParameterValues(join(dir, "missing.yaml"), model)).toThrow(/--params = ".*missing\.yaml": expected a readable parameter file/);
    expect(() => checkParameterValues(model, { "cuff.aop": 300 }, "--params")).toThrow(/declared range \[100, 260\] mmHg/);
  });
});

describe("a comparison per study and outcome", () => {
  const row = (over: Partial<TrialOutcome>): TrialOutcome => ({
    studyId: "a2020", armId: "bfr", outcome: "muscle_csa", site: "thigh", time: 12, timeUnit: "weeks",
    valueKind: "pct_change", value: 10, unit: "%", sd: null, ciLow: null, ciHigh: null, directionOnly: false,
    direction: null, measure: null, pooled: false, confidence: "high", sourceChecked: "x", notes: "",
    origin: { file: "x", line: 2, cells: {} }, ...over,
  });
  it("counts the rubric, RMSE and mean residual per group, and ranks misses by relative error", () => {
    const rows = [
      compareRow(row({ value: 10 }), 10.5), // green (5 %)
      compareRow(row({ value: 10 }), 12), // yellow (20 %)
      compareRow(row({ value: 10, armId: "con" }), 4), // red (60 %)
      compareRow(row({ studyId: "b2021", outcome: "growth_hormone", valueKind: "fold_change", value: 4 }), 2), // red (50 %)
      compareRow(row({ studyId: "b2021", outcome: "growth_hormone", directionOnly: true, direction: "up", value: null, valueKind: null }), 30),
    ].map((r) => ({ ...r, error: null, assumptions: [] }));
    const groups = groupComparison(rows);
    expect(groups.map((g) => [g.study, g.outcome, g.numeric, g.green, g.yellow, g.red, g.worst])).toEqual([
      ["a2020", "muscle_csa", 3, 1, 1, 1, "red"],
      ["b2021", "growth_hormone", 1, 0, 0, 1, "red"],
    ]);
    expect(groups[0].rmsePct).toBeCloseTo(Math.sqrt((0.25 + 4 + 36) / 3), 12);
    expect(groups[0].meanResidual).toBeCloseTo((0.5 + 2 - 6) / 3, 12);
    expect(groups[1].rmsePct).toBeNull(); // fold changes are not % points
    expect([groups[1].directionRows, groups[1].directionMatches]).toEqual([2, 2]);
    expect(rubricCounts(rows)).toEqual({ green: 1, yellow: 1, red: 2 });
    expect(largestMisses(rows, 2).map((r) => [r.arm_id, r.outcome])).toEqual([["con", "muscle_csa"], ["bfr", "growth_hormone"]]);
  });
});
