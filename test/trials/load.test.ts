import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { loadTrials } from "../../src/trials/load.ts";
import { TrialDataError, type TrialDataIssue } from "../../src/trials/errors.ts";
import { isInputError } from "../../src/errors.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function issuesOf(fn: () => unknown): TrialDataIssue[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TrialDataError);
    return [...(err as TrialDataError).issues];
  }
  throw new Error("expected a TrialDataError");
}

const where = (i: TrialDataIssue) => `${i.file.split("/").pop()}:${i.line}:${i.column} ${i.field}`;

describe("loadTrials on the bundled data", () => {
  const data = loadTrials();

  it("loads every arm and outcome row of data/trials", () => {
    expect(data.arms).toHaveLength(75);
    expect(data.outcomes).toHaveLength(188);
    expect(new Set(data.arms.map((a) => a.studyId)).size).toBe(30);
    expect(data.outcomes.filter((o) => o.directionOnly)).toHaveLength(103);
    expect(data.outcomes.filter((o) => o.value !== null)).toHaveLength(85);
  });

  it("reads ozaki2011 bfr-walk as the CSV states it", () => {
    const arm = data.arms.find((a) => a.studyId === "ozaki2011" && a.armId === "bfr-walk")!;
    expect(arm).toMatchObject({
      design: "training",
      n: 10,
      ageMeanYr: 64,
      sex: "female",
      modality: "walking",
      loadPct1Rm: null,
      intensityNote: "45% HRR, treadmill",
      cuffPressureMmHg: 180,
      cuffPressurePctAop: null,
      cuffWidthCm: 5,
      cuffSite: "thigh",
      sessionsPerWeek: 4,
      weeks: 10,
      detrainingWeeks: null,
      confidence: "high",
    });
    expect(arm.origin.line).toBe(2);
  });

  it("keeps the review rows' source and [review] notes in their own columns", () => {
    const review = data.outcomes.filter((o) => o.sourceChecked.startsWith("review: Chen et al. 2021"));
    expect(review).toHaveLength(9);
    for (const o of review) expect(o.notes.startsWith("[review]")).toBe(true);
  });

  it("derives direction, measure and POOLED markers from the notes", () => {
    const other = data.outcomes.filter((o) => o.outcome === "other");
    expect(other.every((o) => o.measure !== null && o.measure.length > 0)).toBe(true);
    const dir = data.outcomes.filter((o) => o.directionOnly);
    expect(dir.every((o) => o.direction !== null && o.value === null)).toBe(true);
    const tug = data.outcomes.find((o) => o.studyId === "walkpilot_nd" && o.measure === "timed up and go time")!;
    expect(tug).toMatchObject({ direction: "down", pooled: true });
  });
});

describe("loadTrials rejects bad rows with file:line:column", () => {
  it("loads the small valid fixtures, including a quoted note that spans two lines", () => {
    const d = loadTrials({ armsFile: fixture("arms-good.csv"), outcomesFile: fixture("outcomes-good.csv") });
    expect(d.arms).toHaveLength(3);
    expect(d.outcomes.map((o) => o.origin.line)).toEqual([2, 3, 4, 6]);
    expect(d.outcomes[2].notes).toBe("mixed MPS vs baseline;\r\nmeasured 3 h after exercise");
  });

  it("reports every bad outcome row at once, each at its cell", () => {
    const issues = issuesOf(() => loadTrials({ armsFile: fixture("arms-good.csv"), outcomesFile: fixture("outcomes-bad.csv") }));
    expect(issues.map(where)).toEqual([
      "outcomes-bad.csv:9:147 row", // 17 fields: the unquoted comma in source_checked
      "outcomes-bad.csv:4:47 value", // direction_only=true with a value
      "outcomes-bad.csv:5:60 value", // direction_only=false without one
      "outcomes-bad.csv:6:95 notes", // other row without measure=
      "outcomes-bad.csv:7:20 outcome", // unknown enumeration
      "outcomes-bad.csv:8:74 value", // non-numeric
      "outcomes-bad.csv:12:43 confidence", // line counted past the two-line quoted note
      "outcomes-bad.csv:3:11 arm_id", // no such arm
    ]);
    const byField = Object.fromEntries(issues.map((i) => [`${i.line}`, i]));
    expect(byField["7"].expected).toContain("strength_isometric, strength_isokinetic");
    expect(byField["7"].value).toBe("strength_max");
    expect(byField["8"]).toMatchObject({ value: "5.9%", expected: "a number" });
    expect(byField["3"].expected).toContain("bfr-walk, con-walk");
    expect(byField["12"].expected).toBe("one of: high, medium, low");
  });

  it("reports duplicate arms, unknown modalities, non-numeric ages and a pressure on a cuff-less arm", () => {
    const issues = issuesOf(() => loadTrials({ armsFile: fixture("arms-bad.csv"), outcomesFile: fixture("outcomes-good.csv") }));
    const arms = issues.filter((i) => i.file.endsWith("arms-bad.csv"));
    expect(arms.map(where)).toEqual([
      "arms-bad.csv:5:59 modality",
      "arms-bad.csv:6:45 age_mean",
      "arms-bad.csv:7:74 cuff_pressure_mmhg",
      "arms-bad.csv:4:11 arm_id",
    ]);
    expect(arms[0].expected).toBe(
      "one of: knee_extension, leg_press, knee_extension_and_flexion, squat, elbow_flexion, elastic_band, walking, cycling, passive, functional, mixed_resistance, none",
    );
    expect(arms[3].expected).toContain("already defined on line 2");
    // fry2010 is not in arms-bad.csv, so its outcomes are reported too
    expect(issues.filter((i) => i.file.endsWith("outcomes-good.csv")).map(where)).toEqual([
      "outcomes-good.csv:4:9 arm_id",
      "outcomes-good.csv:6:9 arm_id",
    ]);
  });

  it("is an input error whose message lists the positions", () => {
    try {
      loadTrials({ armsFile: fixture("arms-bad.csv"), outcomesFile: fixture("outcomes-good.csv") });
    } catch (err) {
      expect(isInputError(err)).toBe(true);
      expect((err as Error).message).toMatch(/arms-bad\.csv:5:59: modality = "swimming": expected one of: /);
      return;
    }
    throw new Error("expected a TrialDataError");
  });

  it("reports a missing file and a wrong header", () => {
    const missing = issuesOf(() => loadTrials({ armsFile: fixture("nope.csv") }));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ field: "file", line: 1, column: 1 });
    const header = issuesOf(() => loadTrials({ armsFile: fixture("outcomes-good.csv"), outcomesFile: fixture("outcomes-good.csv") }));
    expect(header[0]).toMatchObject({ line: 1, column: 17, field: "header", value: "outcome", expected: "column 3 to be citation" });
  });
});
