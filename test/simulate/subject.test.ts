import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InputError } from "../../src/errors.ts";
import { listPresets } from "../../src/simulate/presets.ts";
import { subjectParameters } from "../../src/simulate/subject-parameters.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { validateSubject } from "../../src/simulate/subject-validate.ts";

const valid = {
  ageYr: 70, sex: "female", menopausalStatus: "postmenopausal", bodyMassKg: 65, heightCm: 160,
  thighCircumferenceCm: 50, armCircumferenceCm: 29, sbpMmHg: 135, dbpMmHg: 75, oneRepMaxKg: 25,
  baselineCsaCm2: 40, gripStrengthKg: 22, gaitSpeedMPerS: 1.2,
};

function inputErrorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("subject validation", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["age 300", { ageYr: 300 }, "subject.ageYr", /\[18, 110\] yr/],
    ["negative body mass", { bodyMassKg: -5 }, "subject.bodyMassKg", /\[25, 250\] kg/],
    ["SBP below DBP", { sbpMmHg: 70, dbpMmHg: 90 }, "subject.dbpMmHg", /below the systolic/],
    ["SBP equal to DBP", { sbpMmHg: 90, dbpMmHg: 90 }, "subject.dbpMmHg", /below the systolic/],
    ["unknown sex", { sex: "f" }, "subject.sex", /"female", "male"/],
    ["a postmenopausal man", { sex: "male" }, "subject.menopausalStatus", /not_applicable/],
    ["a woman with no menopausal status", { menopausalStatus: "not_applicable" }, "subject.menopausalStatus", /premenopausal/],
    ["gait speed in cm/s", { gaitSpeedMPerS: 120 }, "subject.gaitSpeedMPerS", /\[0.05, 2.5\] m\/s/],
    ["training status out of 0..1", { trainingStatus: 2 }, "subject.trainingStatus", /\[0, 1\]/],
    ["unknown training label", { trainingStatus: "elite" }, "subject.trainingStatus", /untrained/],
    ["a misspelt field", { gripKg: 20 }, "subject.gripKg", /known field/],
    ["a field with a typo", { bodyMasKg: 60 }, "subject.bodyMasKg", /did you mean "bodyMassKg"/],
    ["a missing field", { heightCm: undefined }, "subject.heightCm", /\[120, 220\] cm/],
    ["a measured AOP above any cuff's range", { measuredAop: [{ site: "thigh", cuffWidthCm: 18, aopMmHg: 900 }] }, "subject.measuredAop.0.aopMmHg", /\[50, 600\]/],
    ["a non-numeric SBP", { sbpMmHg: "high" }, "subject.sbpMmHg", /a number/],
  ];
  for (const [what, over, field, expected] of cases) {
    it(`rejects ${what}, naming ${field}`, () => {
      const err = inputErrorOf(() => validateSubject({ ...valid, ...over }));
      expect(err.field).toBe(field);
      expect(err.message).toMatch(expected);
    });
  }
  it("accepts a valid subject and maps training labels to the model's 0..1 scale", () => {
    const s = validateSubject({ ...valid, trainingStatus: "recreationally_active" });
    expect(s.trainingStatus).toBe(0.5);
    expect(s.inflammationLevel).toBe(1);
    expect(Object.isFrozen(s)).toBe(true);
  });
  it("points at the line of the bad value in a file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bfrsim-subject-"));
    const file = path.join(dir, "bad.yaml");
    const lines = Object.entries({ ...valid, ageYr: 300 }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    writeFileSync(file, lines.join("\n") + "\n");
    const err = inputErrorOf(() => loadSubject(file));
    expect(err.field).toBe("subject.ageYr");
    expect(err.position).toMatchObject({ file, line: 1 });
    expect(err.message).toContain(`${file}:1:`);
  });
  it("points at the key, not its value, when a field name is unknown, and suggests the field with its unit", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bfrsim-subject-"));
    const file = path.join(dir, "misspelt.yaml");
    const { ageYr, ...rest } = valid;
    // the value starts at column 9, the key at column 1
    const lines = [...Object.entries(rest).map(([k, v]) => `${k}: ${JSON.stringify(v)}`), `age:    ${ageYr}`];
    writeFileSync(file, lines.join("\n") + "\n");
    const err = inputErrorOf(() => loadSubject(file));
    expect(err.field).toBe("subject.age");
    expect(err.position).toMatchObject({ file, line: lines.length, column: 1 });
    expect(err.message).toContain('did you mean "ageYr"');
  });
  it("names the presets when a preset is unknown", () => {
    const err = inputErrorOf(() => loadSubject("older-cat"));
    expect(err.message).toContain("older-woman");
  });
});

describe("subject presets", () => {
  it("include the spec's four subjects and all load", () => {
    expect(listPresets("subjects")).toEqual(
      expect.arrayContaining(["older-woman", "older-man", "sarcopenic-older-adult", "young-adult"]),
    );
    for (const name of listPresets("subjects")) expect(loadSubject(name).name).toBe(name);
  });
  it("the older woman is postmenopausal and the default", () => {
    const s = loadSubject();
    expect(s.name).toBe("older-woman");
    expect(s.menopausalStatus).toBe("postmenopausal");
    expect(s.ageYr).toBeGreaterThanOrEqual(65);
  });
  it("the sarcopenic preset meets EWGSOP2 severe sarcopenia (grip < 16 kg women / < 27 kg men, gait <= 0.8 m/s)", () => {
    const s = loadSubject("sarcopenic-older-adult");
    expect(s.gripStrengthKg).toBeLessThan(s.sex === "female" ? 16 : 27);
    expect(s.gaitSpeedMPerS).toBeLessThanOrEqual(0.8);
  });
  it("the healthy older presets are not sarcopenic by EWGSOP2", () => {
    for (const name of ["older-woman", "older-man"]) {
      const s = loadSubject(name);
      expect(s.gripStrengthKg).toBeGreaterThanOrEqual(s.sex === "female" ? 16 : 27);
      expect(s.gaitSpeedMPerS).toBeGreaterThan(0.8);
    }
  });
  it("every preset number has a source or is a definition", () => {
    for (const name of listPresets("subjects")) {
      const s = loadSubject(name);
      for (const key of ["bodyMassKg", "oneRepMaxKg", "baselineCsaCm2", "gripStrengthKg", "gaitSpeedMPerS"]) {
        expect(s.sources?.[key], `${name}.${key}`).toMatch(/doi|assumed|PMID|J Appl Physiol|Eur J|definition/);
      }
    }
  });
});

describe("subjectParameters", () => {
  it("returns exactly the model's subject parameters (docs/model-format.md table)", () => {
    const doc = readFileSync(new URL("../../docs/model-format.md", import.meta.url), "utf8");
    const section = doc.split("## Subject parameters")[1]!.split("\n## ")[0]!;
    const before = section.split("src/simulate")[0]!;
    const names = [...before.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]);
    const params = subjectParameters(loadSubject("older-man"), "thigh", 11.5);
    expect(Object.keys(params).sort()).toEqual([...new Set(names)].sort());
  });
  it("encodes sex and menopause as 0/1 and carries the AOP for the cuff in use", () => {
    const woman = subjectParameters(loadSubject("older-woman"), "thigh", 18);
    const man = subjectParameters(loadSubject("older-man"), "thigh", 18);
    expect([woman.isFemale, woman.postmenopausal, man.isFemale, man.postmenopausal]).toEqual([1, 1, 0, 0]);
    const narrow = subjectParameters(loadSubject("older-woman"), "thigh", 5);
    expect(narrow.aop).toBeGreaterThan(woman.aop);
  });
});

describe("subject robustness", () => {
  it("any mutation of a valid subject either validates or throws an InputError", () => {
    const keys = Object.keys(valid).concat(["measuredAop", "trainingStatus", "inflammationLevel"]);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (key, value) => {
        try {
          validateSubject({ ...valid, [key]: value });
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InputError).field.startsWith(`subject.${key}`) || key === "sbpMmHg").toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
